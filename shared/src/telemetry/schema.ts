import { z } from "zod";
import { DEVICE_TYPES } from "../device/devices.ts";
import { nowMs } from "../ports/clock.ts";

/** What callers (API, portal) see of the edge: registry, status, windows, alerts. */

export const GatewayId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "lowercase letters, digits and dashes, 1 to 41 characters");
/** Thing names are `<tenantId>_<gatewayId>`: unique across tenants (as IoT requires) by construction. */
export const ThingName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]_[a-z0-9][a-z0-9-]{0,40}$/, "a gateway's thing name");
export const DeviceId = z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "1-64 letters, digits, ':', '_', '.' or '-'");
export const DeviceType = z.enum(DEVICE_TYPES);
/**
 * A device as registered: its id is unique within the tenant only (another organisation may use
 * the same id), so people see it by its name and where it stands.
 */
export const DeviceRef = z.strictObject({
  id: DeviceId,
  type: DeviceType,
  name: z.string().trim().min(1).max(100).optional(),
  location: z.string().trim().min(1).max(100).optional(),
});

export const ConnectionStatus = z.enum(["never-seen", "online", "buffering", "offline"]);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const Gateway = z.object({
  thingName: z.string(),
  name: z.string(),
  site: z.string().optional(),
  status: ConnectionStatus,
  lastSeenAt: z.number().optional(),
  configVersion: z.number(),
  appliedConfigVersion: z.number().optional(),
  buffer: z
    .object({ pendingRecords: z.number(), bytes: z.number(), maxBytes: z.number(), droppedRecords: z.number() })
    .optional(),
  createdAt: z.string(),
});
export type Gateway = z.infer<typeof Gateway>;

export const LostRange = z.object({ from: z.number(), to: z.number(), reason: z.string() });
export const GatewayDetail = Gateway.extend({
  ledger: z.object({
    contiguousTo: z.number(),
    received: z.number(),
    duplicates: z.number(),
    pendingAbove: z.number(),
    gap: z.object({ from: z.number(), to: z.number() }).optional(),
    lost: z.array(LostRange),
    replayRequests: z.number(),
  }),
  rejections: z.array(
    z.object({
      reason: z.string(),
      count: z.number(),
      lastDetail: z.string().optional(),
      lastAt: z.number().optional(),
    }),
  ),
});
export type GatewayDetail = z.infer<typeof GatewayDetail>;

export const ConfigVersion = z.object({
  version: z.number(),
  status: z.enum(["pushed", "applied", "rejected"]),
  reason: z.string().optional(),
  pushedAt: z.string(),
  answeredAt: z.number().optional(),
  pushedBy: z.string().optional(),
});
export type ConfigVersion = z.infer<typeof ConfigVersion>;

export const Device = z.object({
  deviceId: z.string(),
  type: z.string(),
  name: z.string().optional(),
  location: z.string().optional(),
  thingName: z.string(),
  status: ConnectionStatus,
  lastSeenAt: z.number().optional(),
  lastValues: z.record(z.string(), z.number()),
  attributes: z.record(z.string(), z.string()),
  openAlerts: z.number(),
});
export type Device = z.infer<typeof Device>;

export const Stats = z.object({
  count: z.number(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  last: z.number(),
});
export const Window = z.object({
  deviceId: z.string(),
  start: z.number(),
  end: z.number(),
  subject: z.string().optional(),
  seq: z.number(),
  signals: z.record(z.string(), Stats),
});
export type Window = z.infer<typeof Window>;

export const Alert = z.object({
  alertId: z.string(),
  status: z.enum(["raised", "cleared"]),
  at: z.number(),
  deviceId: z.string(),
  deviceType: z.string(),
  thingName: z.string(),
  rule: z.string(),
  severity: z.string(),
  signal: z.string().optional(),
  value: z.number().optional(),
  limit: z.number().optional(),
  code: z.string().optional(),
  message: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const Credentials = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("x509"),
    thingName: z.string(),
    certificateArn: z.string(),
    certificatePem: z.string(),
    privateKey: z.string(),
    endpoint: z.string().optional(),
  }),
  z.object({
    kind: z.literal("password"),
    thingName: z.string(),
    username: z.string(),
    password: z.string(),
    mqttUrl: z.string(),
  }),
]);

/** A time range of at most a week, epoch ms; `to` defaults to now and `from` to an hour before it. */
export const TimeRange = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
  })
  .transform((r, ctx) => {
    const to = r.to ?? nowMs();
    const from = r.from ?? to - 3_600_000;
    if (from > to) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
    if (to - from > 7 * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["from"], message: "a range covers at most 7 days" });
    return { from, to };
  });

/** Devices registered with the gateway in one transaction (DynamoDB's limit is 100 items). */
export const MAX_DEVICES_AT_REGISTRATION = 90;

/** A gateway registered with the devices it starts with (more can be added later). */
export const RegisterInput = z.strictObject({
  gatewayId: GatewayId,
  name: z.string().trim().min(1).max(100),
  site: z.string().trim().max(100).optional(),
  devices: z.array(DeviceRef).max(MAX_DEVICES_AT_REGISTRATION).default([]),
});
export const DevicesQuery = z.object({ thingName: ThingName.optional() });
