import { describe, expect, it } from "vitest";
import { decodeUpstream } from "./decode.ts";

const bytes = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v));
const aggregate = {
  schema: 1,
  seq: 7,
  window: { start: 0, end: 60_000 },
  devices: [
    { device: "pump-1", type: "infusion-pump", signals: { rate: { count: 1, min: 1, max: 1, mean: 1, last: 1 } } },
  ],
};

describe("the cloud's check of a gateway message", () => {
  it("accepts a message of the wire contract, tagged with its kind", () => {
    expect(decodeUpstream("telemetry-aggregate", bytes(aggregate))).toEqual({
      ok: true,
      message: { kind: "telemetry-aggregate", ...aggregate },
    });
  });

  it("refuses with a reason: unknown topic, too large, bad JSON, wrong types (keeping a readable seq)", () => {
    expect(decodeUpstream("raw", bytes(aggregate))).toMatchObject({ ok: false, reason: "unknown-topic" });
    expect(decodeUpstream("alert", Buffer.alloc(5_000, 0x20))).toMatchObject({
      ok: false,
      reason: "too-large",
      detail: "5000 bytes, limit 4096",
    });
    expect(decodeUpstream("state", bytes("{oops"))).toMatchObject({ ok: false, reason: "bad-json" });
    const wrong = decodeUpstream("telemetry-aggregate", bytes({ ...aggregate, window: { start: "0" } }));
    expect(wrong).toMatchObject({ ok: false, reason: "invalid-payload", seq: 7 });
    expect(wrong.ok || wrong.detail).toMatch(/window/);
    expect(decodeUpstream("alert", bytes({ seq: -3 }))).not.toHaveProperty("seq");
    expect(decodeUpstream("alert", bytes(null))).toMatchObject({ ok: false, reason: "invalid-payload" });
  });

  it("holds device texts to the text rule: an invisible character refuses the message, naming where; text is NFC", () => {
    const alert = {
      schema: 1,
      seq: 9,
      alertId: "a-1",
      status: "raised",
      at: 0,
      device: "pump-1",
      type: "infusion-pump",
      rule: "occlusion",
      ruleKind: "device-alarm",
      severity: "critical",
      message: "Occlusion",
    };
    expect(decodeUpstream("alert", bytes({ ...alert, message: "Occ\u202Elusion" }))).toEqual({
      ok: false,
      reason: "invalid-payload",
      detail: "message: contains U+202E (RIGHT-TO-LEFT OVERRIDE)",
      seq: 9,
    });
    expect(decodeUpstream("alert", bytes({ ...alert, device: "pump\u00001" }))).toMatchObject({
      detail: "device: contains U+0000 (control character)",
    });
    expect(decodeUpstream("alert", bytes({ ...alert, message: "Cafe\u0301" }))).toMatchObject({
      ok: true,
      message: { message: "Caf\u00e9" },
    });
  });
});
