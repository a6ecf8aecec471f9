import { describe, expect, it } from "vitest";
import { traceDigest } from "./digest.ts";

const trace = {
  unit: { serialNo: "IP-1", fgLotNo: "L1" },
  record: { order: { orderNo: "MO-1" }, issues: [{ lotNo: "K1", quantity: 2 }] },
  subAssemblies: [],
  custodian: null,
} as never;

describe("traceDigest", () => {
  it("is the same for the same evidence, whatever the key order or the read cost", () => {
    const reordered = {
      custodian: null,
      subAssemblies: [],
      record: { issues: [{ quantity: 2, lotNo: "K1" }], order: { orderNo: "MO-1" } },
      unit: { fgLotNo: "L1", serialNo: "IP-1" },
      cost: { roundTrips: 2, requests: 3, capacityUnits: 6 },
    } as never;
    expect(traceDigest(reordered)).toBe(traceDigest(trace));
    expect(traceDigest(trace)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any evidence changes", () => {
    const edited = {
      ...(trace as object),
      record: { order: { orderNo: "MO-1" }, issues: [{ lotNo: "K1", quantity: 3 }] },
    };
    expect(traceDigest(edited as never)).not.toBe(traceDigest(trace));
  });
});
