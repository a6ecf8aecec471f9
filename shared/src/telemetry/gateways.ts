import type { EntityItem } from "electrodb";
import { z } from "zod";
import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound } from "../errors/index.ts";
import { nowIso, nowMs } from "../ports/clock.ts";
import { actorId, useActor, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import type { GatewayConfigEntity, GatewayEntity, GatewayStatusEntity } from "./entities.ts";
import { versionKey } from "./ingest.ts";
import * as Ledger from "./ledger.ts";
import type { GatewayLink, ThingRegistry } from "./ports.ts";
import { ConfigVersion, type ConnectionStatus, Gateway, GatewayDetail, RegisterInput, ThingName } from "./schema.ts";

/**
 * The gateway registry of a tenant (EDGE-5): registration, credentials, configuration versions,
 * and the status the portal shows.
 */

/** Gateways send an aggregate every window (a minute in the standard configuration). */
export const OFFLINE_AFTER_MS = 3 * 60_000;

/**
 * "buffering": the cloud holds data beyond a gap and waits for the gateway's replay. (A gateway's own
 * backlog report describes records older than the report, so it cannot say more than the ledger.)
 */
export function connectionStatus(
  lastSeenAt: number | undefined,
  ledger: { gap?: unknown } | undefined,
  now = nowMs(),
): ConnectionStatus {
  if (lastSeenAt === undefined) return "never-seen";
  if (now - lastSeenAt > OFFLINE_AFTER_MS) return "offline";
  return ledger?.gap ? "buffering" : "online";
}

const thingNameOf = (gatewayId: string) => `${useTenantId()}_${gatewayId}`;

export const register = fn(RegisterInput, async (input): Promise<Gateway> => {
  const tenantId = useTenantId();
  const thingName = thingNameOf(input.gatewayId);
  const ids = input.devices.map((d) => d.id);
  if (new Set(ids).size !== ids.length) throw conflict("duplicate-device", "A device is listed twice");
  const createdAt = nowIso();
  return commit({
    writes: (e) => [
      e.gateway.create({ tenantId, thingName, name: input.name, site: input.site, createdAt }).commit(),
      ...input.devices.map((d) =>
        e.device
          .create({ tenantId, deviceId: d.id, thingName, type: d.type, name: d.name, location: d.location })
          .commit(),
      ),
    ],
    result: Gateway.parse({
      thingName,
      name: input.name,
      site: input.site,
      status: "never-seen",
      configVersion: 0,
      createdAt,
    }),
    conditionFailed: (i) =>
      i === 0
        ? conflict("gateway-exists", `A gateway ${input.gatewayId} is already registered`)
        : conflict("device-registered", `Device ${input.devices[i - 1]?.id} is already registered`),
  });
});

type GatewayItem = EntityItem<typeof GatewayEntity>;
type StatusItem = EntityItem<typeof GatewayStatusEntity>;

const toGateway = (g: GatewayItem, s: StatusItem | undefined, ledger: Ledger.LedgerSummary, now = nowMs()): Gateway =>
  Gateway.parse({
    thingName: g.thingName,
    name: g.name,
    site: g.site,
    status: connectionStatus(s?.lastSeenAt, ledger, now),
    lastSeenAt: s?.lastSeenAt,
    configVersion: g.configVersion,
    appliedConfigVersion: s?.appliedConfigVersion,
    buffer:
      s?.bufferPending !== undefined
        ? {
            pendingRecords: s.bufferPending,
            bytes: s.bufferBytes ?? 0,
            maxBytes: s.bufferMaxBytes ?? 0,
            droppedRecords: s.droppedRecords ?? 0,
          }
        : undefined,
    createdAt: g.createdAt,
  });

export async function list(): Promise<Gateway[]> {
  const tenantId = useTenantId();
  const [gateways, statuses] = await Promise.all([
    Db.entities.gateway.query.byTenant({ tenantId }).go({ pages: "all" }),
    Db.entities.gatewayStatus.query.byTenant({ tenantId }).go({ pages: "all" }),
  ]);
  const byThing = new Map(statuses.data.map((s) => [s.thingName, s]));
  const ledgers = await Promise.all(gateways.data.map((g) => Ledger.summary(g.thingName)));
  return gateways.data.map((g, i) => toGateway(g, byThing.get(g.thingName), ledgers[i] as Ledger.LedgerSummary));
}

async function find(thingName: string): Promise<GatewayItem> {
  const { data } = await Db.entities.gateway.get({ tenantId: useTenantId(), thingName }).go();
  // Another tenant's gateway is as absent as one that never existed.
  if (!data) throw notFound("gateway-not-found", `No gateway ${thingName}`);
  return data;
}

export const get = fn(z.object({ thingName: ThingName }), async ({ thingName }): Promise<GatewayDetail> => {
  const tenantId = useTenantId();
  const g = await find(thingName);
  const [status, ledger, rejections] = await Promise.all([
    Db.entities.gatewayStatus.get({ tenantId, thingName }).go(),
    Ledger.summary(thingName),
    Db.entities.rejection.query.byGateway({ tenantId, thingName }).go({ pages: "all" }),
  ]);
  return GatewayDetail.parse({
    ...toGateway(g, status.data ?? undefined, ledger),
    ledger,
    rejections: rejections.data.map((r) => ({
      reason: r.reason,
      count: r.count,
      lastDetail: r.lastDetail,
      lastAt: r.lastAt,
    })),
  });
});

export async function issueCredentials(input: { thingName: string }, registry: ThingRegistry) {
  const thingName = ThingName.parse(input.thingName);
  await find(thingName);
  return registry.issueCredentials({ tenantId: useTenantId(), thingName });
}

type ConfigItem = EntityItem<typeof GatewayConfigEntity>;
const toConfigVersion = (c: ConfigItem): ConfigVersion =>
  ConfigVersion.parse({
    version: c.version,
    status: c.status,
    reason: c.reason,
    pushedAt: c.pushedAt,
    answeredAt: c.answeredAt,
    pushedBy: c.changedBy,
  });

/**
 * Stores the next configuration version of a gateway and publishes it (retained, so a gateway that
 * is offline gets it when it connects). The gateway answers on its config-ack topic; the version's
 * status follows (`applied`, or `rejected` with the gateway's reason, the previous one staying in force).
 * `config` was checked against the gateway's schema by the caller; its devices join the registry.
 */
export async function pushConfig(
  input: { thingName: string; config: { devices: { id: string; type: string }[] } & Record<string, unknown> },
  link: GatewayLink,
): Promise<ConfigVersion> {
  const tenantId = useTenantId();
  const thingName = ThingName.parse(input.thingName);
  const g = await find(thingName);
  const version = g.configVersion + 1;
  const config = { ...input.config, version };
  const pushedAt = nowIso();
  await registerDevices(thingName, input.config.devices);
  const answer = ConfigVersion.parse({ version, status: "pushed", pushedAt, pushedBy: actorId(useActor()) });
  const committed = await commit({
    writes: (e) => [
      e.gateway
        .patch({ tenantId, thingName })
        .set({ configVersion: version })
        .where((a, op) => op.eq(a.configVersion, g.configVersion))
        .commit(),
      e.gatewayConfig
        .create({
          tenantId,
          thingName,
          version,
          versionKey: versionKey(version),
          config: JSON.stringify(config),
          pushedAt,
        })
        .commit(),
    ],
    result: answer,
    conditionFailed: () =>
      conflict("config-version-moved", "Another configuration was pushed at the same time; try again"),
  });
  // A retry with the same Idempotency-Key gets the first answer; that version was published then.
  if (committed.version !== version) return committed;
  await link.publish({ tenantId, thingName }, "config", config, { retain: true });
  return committed;
}

/** Devices named by a configuration belong to its gateway; one registered to another gateway is refused. */
async function registerDevices(thingName: string, devices: { id: string; type: string }[]): Promise<void> {
  const tenantId = useTenantId();
  if (devices.length === 0) return;
  const { data } = await Db.entities.device
    .get(devices.map((d) => ({ tenantId, deviceId: d.id })))
    .go({ consistent: true });
  const elsewhere = data.find((d) => d.thingName !== thingName);
  if (elsewhere) {
    throw conflict("device-registered", `Device ${elsewhere.deviceId} belongs to gateway ${elsewhere.thingName}`);
  }
  const known = new Set(data.map((d) => d.deviceId));
  const added = devices.filter((d) => !known.has(d.id));
  if (added.length === 0) return;
  const { unprocessed } = await Db.entities.device
    .put(added.map((d) => ({ tenantId, deviceId: d.id, thingName, type: d.type })))
    .go();
  if (unprocessed.length > 0) throw new Error("Some devices were not registered (throttled); push again");
}

export const listConfigs = fn(z.object({ thingName: ThingName }), async ({ thingName }): Promise<ConfigVersion[]> => {
  await find(thingName);
  const { data } = await Db.entities.gatewayConfig.query
    .byGateway({ tenantId: useTenantId(), thingName })
    .go({ order: "desc", limit: 50 });
  return data.map(toConfigVersion);
});
