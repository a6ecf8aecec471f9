import { type Observation, Rule } from "./schema.ts";

/** Builders for the early-warning tests: a valid rule around a condition, and observations by type. */
export const T0 = Date.parse("2026-03-02T08:00:00Z");
export const minutes = (n: number) => new Date(T0 + n * 60_000);
export const iso = (n: number) => minutes(n).toISOString();

export function ruleOf(subject: string, condition: Record<string, unknown>, extra: Record<string, unknown> = {}): Rule {
  return Rule.parse({
    ruleId: "0b7f1a3c-9a8e-4a61-9b7e-0e8f5f2c1d01",
    version: 1,
    name: "test rule",
    grade: "warning",
    subject,
    owner: { type: "role", role: "quality-engineer" },
    enabled: true,
    condition,
    ...extra,
  });
}

let seq = 0;
const nextId = () => `ev-${++seq}`;

export const measurement = (value: number, at = 0, extra: Partial<Observation> = {}): Observation =>
  ({
    type: "measurement",
    eventId: nextId(),
    at: iso(at),
    characteristic: "seal-strength",
    value,
    unit: "N",
    ...extra,
  }) as Observation;

export const inspection = (passed: boolean, at = 0, supplier = "SUP-7"): Observation => ({
  type: "inspection",
  eventId: nextId(),
  at: iso(at),
  supplier,
  receipt: `R-${seq}`,
  passed,
});

export const stock = (quantity: number, safetyLevel: number, at = 0, item = "PUMP-HOUSING"): Observation => ({
  type: "stock-level",
  eventId: nextId(),
  at: iso(at),
  item,
  quantity,
  safetyLevel,
});

export const heartbeat = (at: number, device = "DEV-1"): Observation => ({
  type: "heartbeat",
  eventId: nextId(),
  at: iso(at),
  device,
});

export const expiry = (expiresOn: string, at = 0, subjectId = "CERT-1"): Observation => ({
  type: "expiry",
  eventId: nextId(),
  at: iso(at),
  what: "certificate",
  subjectId,
  expiresOn,
});

export const gatewayAlert = (
  alertId: string,
  status: "raised" | "cleared",
  extra: Partial<Extract<Observation, { type: "telemetry-alert" }>> = {},
): Observation => ({
  type: "telemetry-alert",
  eventId: nextId(),
  at: iso(0),
  device: "DEV-1",
  alertId,
  status,
  rule: "occlusion",
  ruleKind: "device-alarm",
  severity: "critical",
  ...extra,
});
