import { z } from "zod";
import { Db } from "../db/service.ts";
import { notFound } from "../errors/index.ts";
import { nowMs } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { connectionStatus } from "./gateways.ts";
import { ALERT_SHARDS, daysBetween, padMs } from "./keys.ts";
import { Alert, Device, DeviceId, DevicesQuery, type Stats, TimeRange, Window } from "./schema.ts";

/** Read side of edge telemetry: devices with their status, a device's windows, the alert log. */

export const listDevices = fn(DevicesQuery, async ({ thingName }): Promise<Device[]> => {
  const now = nowMs();
  const { data } = await Db.entities.device.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data
    .filter((d) => thingName === undefined || d.thingName === thingName)
    .map((d) =>
      Device.parse({
        deviceId: d.deviceId,
        type: d.type,
        name: d.name,
        location: d.location,
        thingName: d.thingName,
        status: connectionStatus(d.lastSeenAt, undefined, now),
        lastSeenAt: d.lastSeenAt,
        lastValues: d.lastValues ? JSON.parse(d.lastValues) : {},
        attributes: d.attributes ? JSON.parse(d.attributes) : {},
        openAlerts: d.openAlerts?.length ?? 0,
      }),
    );
});

/** A device's windows in a time range, oldest first: one query per UTC day of the range. */
export const windows = fn(
  z.object({ deviceId: DeviceId }).and(TimeRange),
  async ({ deviceId, from, to }): Promise<Window[]> => {
    const tenantId = useTenantId();
    const { data: device } = await Db.entities.device.get({ tenantId, deviceId }).go();
    // Another tenant's device is as absent as one that never existed.
    if (!device) throw notFound("device-not-found", `No device ${deviceId}`);
    const pages = await Promise.all(
      daysBetween(from, to).map((day) =>
        Db.entities.window.query
          .byDeviceDay({ tenantId, deviceId, day })
          .between({ windowKey: padMs(from) }, { windowKey: `${padMs(to)}~` })
          .go({ pages: "all" }),
      ),
    );
    return pages
      .flatMap((p) => p.data)
      .map((w) =>
        Window.parse({
          deviceId: w.deviceId,
          start: w.windowStart,
          end: w.windowEnd,
          subject: w.subject,
          seq: w.seq,
          signals: JSON.parse(w.signals) as Record<string, z.infer<typeof Stats>>,
        }),
      );
  },
);

/** Alerts raised or cleared in a time range, newest first: the day's shards are queried and merged. */
export const alerts = fn(
  z
    .object({ deviceId: DeviceId.optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
    .and(TimeRange),
  async ({ deviceId, from, to, limit }): Promise<Alert[]> => {
    const tenantId = useTenantId();
    const queries = daysBetween(from, to).flatMap((day) =>
      Array.from({ length: ALERT_SHARDS }, (_, shard) =>
        Db.entities.alert.query
          .byDay({ tenantId, day, shard: String(shard) })
          .between({ alertKey: padMs(from) }, { alertKey: `${padMs(to)}~` })
          .go({ pages: "all" }),
      ),
    );
    const items = (await Promise.all(queries)).flatMap((p) => p.data);
    return items
      .filter((a) => deviceId === undefined || a.deviceId === deviceId)
      .sort((a, b) => b.at - a.at || b.alertKey.localeCompare(a.alertKey))
      .slice(0, limit)
      .map((a) =>
        Alert.parse({
          alertId: a.alertId,
          status: a.status,
          at: a.at,
          deviceId: a.deviceId,
          deviceType: a.deviceType,
          thingName: a.thingName,
          rule: a.rule,
          severity: a.severity,
          signal: a.signal,
          value: a.value,
          limit: a.limit,
          code: a.code,
          message: a.message,
        }),
      );
  },
);
