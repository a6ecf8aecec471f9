import { z } from "zod";
import { defineEvent } from "../events/define.ts";

/**
 * What the edge tells the rest of MedLoop, once per accepted gateway message (never twice: the
 * events commit with the message's receipt). The early-warning engine (EW-1) and maintenance plans
 * (EAM-2/EAM-3) subscribe to these.
 */
const Stats = z.object({ count: z.number(), min: z.number(), max: z.number(), mean: z.number(), last: z.number() });

export const WindowAggregated = defineEvent(
  "Telemetry.WindowAggregated",
  1,
  z.object({
    thingName: z.string(),
    seq: z.number(),
    window: z.object({ start: z.number(), end: z.number() }),
    devices: z.array(
      z.object({
        deviceId: z.string(),
        type: z.string(),
        subject: z.string().optional(),
        signals: z.record(z.string(), Stats),
      }),
    ),
  }),
);

const AlertData = z.object({
  alertId: z.string(),
  thingName: z.string(),
  deviceId: z.string(),
  deviceType: z.string(),
  rule: z.string(),
  ruleKind: z.string(),
  severity: z.string(),
  at: z.number(),
  signal: z.string().optional(),
  value: z.number().optional(),
  limit: z.number().optional(),
  code: z.string().optional(),
  message: z.string(),
});

export const AlertRaised = defineEvent("Telemetry.AlertRaised", 1, AlertData);
export const AlertCleared = defineEvent("Telemetry.AlertCleared", 1, AlertData);

export const DeviceStateChanged = defineEvent(
  "Telemetry.DeviceStateChanged",
  1,
  z.object({
    thingName: z.string(),
    deviceId: z.string(),
    type: z.string(),
    at: z.number(),
    changes: z.record(z.string(), z.string()),
  }),
);

export const ConfigAnswered = defineEvent(
  "Telemetry.ConfigAnswered",
  1,
  z.object({
    thingName: z.string(),
    version: z.number().nullable(),
    status: z.enum(["applied", "rejected"]),
    reason: z.string().optional(),
  }),
);

/**
 * An alert about the data, not a device: a gateway declared sequence numbers it can never send
 * (lost in a power failure before they went upstream). The ledger stops waiting for them; someone
 * should know that the windows they carried are missing.
 */
export const RecordsLost = defineEvent(
  "Telemetry.RecordsLost",
  1,
  z.object({
    thingName: z.string(),
    at: z.number(),
    reason: z.string(),
    ranges: z.array(z.object({ from: z.number(), to: z.number() })),
    records: z.number(),
  }),
);
