import { describe, expect, it } from "vitest";
import { standardConfig } from "../../../src/standard-config.ts";
import { Pipeline } from "../src/pipeline/pipeline.ts";
import type { RawReading } from "../src/pipeline/reading.ts";
import { pseudonym, T0, TEST_KEY } from "./helpers.ts";

const devices = [
  { id: "pump-001", type: "infusion-pump" },
  { id: "monitor-001", type: "patient-monitor" },
] as const;
const config = standardConfig(devices);

const pump = (seq: number, ts: number, extra: Record<string, unknown> = {}): RawReading => ({
  device: "pump-001",
  payload: JSON.stringify({
    pump_id: "pump-001",
    msg_seq: seq,
    ts: new Date(ts).toISOString(),
    rate_ml_h: 10,
    ...extra,
  }),
});
const monitor = (seq: number, ts: number, vitals: Record<string, unknown> = { hr: 70, spo2: 98 }): RawReading => ({
  device: "monitor-001",
  payload: JSON.stringify({
    dev: "monitor-001",
    n: seq,
    t: ts,
    pt: { mrn: "MRN-123456", name: "Doe^Jane", bed: "ICU-4" },
    vitals,
  }),
});

describe("pipeline: validation and cleaning", () => {
  it("refuses hostile readings with a reason, counts them, and keeps the rest of the batch", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);
    const now = T0 + 1_000;

    const out = p.ingest(
      [
        pump(1, T0),
        { device: "pump-001", payload: '{"pump_id": "pump-001", "msg_seq": ' },
        { device: "pump-001", payload: "[1,2,3]" },
        { device: "pump-001", payload: `{"pump_id":"pump-001","pad":"${"x".repeat(5_000)}"}` },
        { device: "pump-001", payload: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
        { device: "pump-999", payload: JSON.stringify({ pump_id: "pump-999", msg_seq: 1, ts: T0 }) },
        { device: "pump-001", payload: JSON.stringify({ pump_id: "pump-002", msg_seq: 2, ts: T0 }) },
        pump(3, T0, { rate_ml_h: "fast" }),
        pump(4, T0 + 60_000),
        pump(5, T0 - 3_600_001),
        pump(1, T0),
        pump(6, T0, { rate_ml_h: 99_999 }),
        monitor(1, T0),
      ],
      now,
    );

    expect(out.accepted).toBe(2);
    expect(out.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, "bad-json"],
      [2, "not-an-object"],
      [3, "too-large"],
      [4, "bad-json"],
      [5, "unknown-device"],
      [6, "device-mismatch"],
      [7, "wrong-type"],
      [8, "future-timestamp"],
      [9, "stale-timestamp"],
      [10, "duplicate"],
      [11, "no-valid-data"],
    ]);
    expect(p.counters.rejected).toEqual({
      "bad-json": 2,
      "not-an-object": 1,
      "too-large": 1,
      "unknown-device": 1,
      "device-mismatch": 1,
      "wrong-type": 1,
      "future-timestamp": 1,
      "stale-timestamp": 1,
      duplicate: 1,
      "no-valid-data": 1,
    });
    expect(p.counters.fieldsDropped["out-of-range:rate"]).toBe(1);
  });

  it("removes an out-of-range signal but keeps the rest of the reading", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);

    p.ingest([monitor(1, T0, { hr: 999, spo2: 97 })], T0 + 1_000);
    const [w] = p.closeDue(T0 + 65_000);

    expect(w?.devices[0]?.signals).toEqual({ spo2: { count: 1, min: 97, max: 97, mean: 97, last: 97 } });
    expect(p.counters.fieldsDropped["out-of-range:heartRate"]).toBe(1);
  });

  it("accepts a reading resent out of order once, and a device that restarted its counter", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);

    const first = p.ingest(
      [pump(10, T0), pump(12, T0 + 2_000), pump(11, T0 + 1_000), pump(11, T0 + 1_000)],
      T0 + 3_000,
    );
    const restarted = p.ingest([pump(1, T0 + 4_000), pump(1, T0 + 4_000)], T0 + 5_000);

    expect(first.accepted).toBe(3);
    expect(first.rejected.map((r) => r.reason)).toEqual(["duplicate"]);
    expect(restarted.accepted).toBe(1);
    expect(restarted.rejected.map((r) => r.reason)).toEqual(["duplicate"]);
  });

  it("refuses a reading for a window that was already closed and sent", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);
    p.ingest([pump(1, T0)], T0 + 1_000);
    p.closeDue(T0 + 65_000);

    const late = p.ingest([pump(2, T0 + 30_000), pump(3, T0 + 61_000)], T0 + 65_000);

    expect(late.rejected.map((r) => r.reason)).toEqual(["late-for-window"]);
    expect(late.accepted).toBe(1);
  });
});

describe("pipeline: classification and de-identification", () => {
  it("replaces the patient id by the tenant's keyed HMAC, removes the name, keeps the bed", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);

    const out = p.ingest([monitor(1, T0)], T0 + 1_000);
    const [w] = p.closeDue(T0 + 65_000);
    const subject = pseudonym("tenant-a", "patientId", "MRN-123456");

    expect(out.states).toEqual([
      {
        at: T0,
        about: "device",
        device: "monitor-001",
        type: "patient-monitor",
        changes: { patientId: subject, bed: "ICU-4" },
      },
    ]);
    expect(w?.devices[0]?.subject).toBe(subject);
    expect(JSON.stringify([out, w])).not.toMatch(/MRN-123456|Doe/);
    expect(p.counters.fieldsDropped["patient-field:patientName"]).toBe(1);
  });

  it("gives the same patient different pseudonyms in different tenants, and one without the key cannot recompute it", () => {
    const a = new Pipeline("tenant-a", TEST_KEY, config).ingest([monitor(1, T0)], T0 + 1_000);
    const b = new Pipeline("tenant-b", TEST_KEY, config).ingest([monitor(1, T0)], T0 + 1_000);

    const pa = a.states[0]?.changes.patientId;
    expect(pa).toMatch(/^p_[A-Za-z0-9_-]{22}$/);
    expect(b.states[0]?.changes.patientId).not.toBe(pa);
    expect(pseudonym("tenant-a", "patientId", "MRN-123456", Buffer.alloc(32, 8))).not.toBe(pa);
  });

  it("drops fields nobody classified (fail closed), and patient fields that are not pseudonymised", () => {
    const strict = standardConfig(devices, {
      classification: { rate: "internal", patientId: "patient", heartRate: "internal" },
      deidentification: { pseudonymize: [] },
    });
    const p = new Pipeline("tenant-a", TEST_KEY, strict);

    const out = p.ingest([pump(1, T0, { state: "RUNNING", volume_infused_ml: 3 }), monitor(1, T0)], T0 + 1_000);
    const [w] = p.closeDue(T0 + 65_000);

    expect(out.states).toEqual([]);
    expect(w?.devices.map((d) => [d.device, d.subject, Object.keys(d.signals)])).toEqual([
      ["monitor-001", undefined, ["heartRate"]],
      ["pump-001", undefined, ["rate"]],
    ]);
    expect(p.counters.fieldsDropped).toMatchObject({
      "unclassified:volumeInfused": 1,
      "unclassified:pumpState": 1,
      "unclassified:spo2": 1,
      "patient-field:patientId": 1,
    });
  });

  it("reports a device attribute only when it changes", () => {
    const p = new Pipeline("tenant-a", TEST_KEY, config);

    const out = p.ingest(
      [
        pump(1, T0, { state: "RUNNING" }),
        pump(2, T0 + 1_000, { state: "RUNNING" }),
        pump(3, T0 + 2_000, { state: "ALARM" }),
      ],
      T0 + 3_000,
    );

    expect(out.states.map((s) => [s.at, s.changes])).toEqual([
      [T0, { pumpState: "RUNNING" }],
      [T0 + 2_000, { pumpState: "ALARM" }],
    ]);
  });
});
