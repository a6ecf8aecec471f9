import { describe, expect, it } from "vitest";
import { canonicalJson } from "../audit/chain.ts";
import { evidenceDigest, verify } from "./evidence.ts";
import { noticeIdOf } from "./notices.ts";
import type { EvidenceContent } from "./schema.ts";
import { assertForward, isClosed, movesForward } from "./states.ts";

describe("a device's recall state", () => {
  it("moves forward only, may skip steps, and closes at returned or corrected", () => {
    expect(movesForward("affected", "located")).toBe(true);
    expect(movesForward("affected", "returned")).toBe(true);
    expect(movesForward("located", "quarantined")).toBe(true);
    expect(movesForward("quarantined", "corrected")).toBe(true);
    expect(movesForward("quarantined", "located")).toBe(false);
    expect(movesForward("located", "located")).toBe(false);
    expect([isClosed("returned"), isClosed("corrected"), isClosed("quarantined")]).toEqual([true, true, false]);
  });

  it("refuses a step back with a typed 409, and any step out of a closed state", () => {
    expect(() => assertForward("SN-1", "quarantined", "located")).toThrow(
      expect.objectContaining({ kind: "conflict", code: "recall-state-backward" }),
    );
    expect(() => assertForward("SN-1", "returned", "corrected")).toThrow(
      expect.objectContaining({ kind: "conflict", code: "recall-device-closed" }),
    );
    expect(() => assertForward("SN-1", "corrected", "returned")).toThrow(
      expect.objectContaining({ code: "recall-device-closed" }),
    );
    expect(() => assertForward("SN-1", "affected", "quarantined")).not.toThrow();
  });
});

const content = {
  campaign: { campaignId: "c-1", reason: "Flow sensor drift", units: 2, lots: [{ fgLotNo: "L1", level: 1 }] },
  signatures: [{ manifest: "Quinn QE <qe@acme.test> · 2026-12-01T08:00:00.000Z · approved", statement: undefined }],
  trace: { source: { supplierId: "s", supplierLotNo: "X" }, lots: [], serials: [] },
  scope: [{ serialNo: "SN-2", state: "returned" }],
  recipients: [{ recipient: "city-hospital", status: "acknowledged" }],
} as unknown as EvidenceContent;

describe("the evidence pack's digest", () => {
  it("is the SHA-256 of the canonical JSON: key order and absent members do not change it", () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(content) as EvidenceContent;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(content));
    expect(evidenceDigest(reordered)).toBe(evidenceDigest(content));
    expect(canonicalJson(content.signatures)).toBe(
      '[{"manifest":"Quinn QE <qe@acme.test> · 2026-12-01T08:00:00.000Z · approved"}]',
    );
    expect(evidenceDigest(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies its own pack and fails a tampered copy", () => {
    const pack = { content, sha256: evidenceDigest(content) };
    expect(verify(pack)).toBe(true);
    const tampered = structuredClone(pack);
    (tampered.content.scope[0] as { state: string }).state = "located";
    expect(verify(tampered)).toBe(false);
  });
});

describe("a notice's id", () => {
  it("is the same for the same manufacturer, campaign and hospital, and UUID-shaped", () => {
    const id = noticeIdOf("acme-med", "c-1", "city-hospital");
    expect(noticeIdOf("acme-med", "c-1", "city-hospital")).toBe(id);
    expect(noticeIdOf("acme-med", "c-1", "river-hospital")).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
