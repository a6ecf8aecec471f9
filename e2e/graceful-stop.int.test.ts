import { waitFor } from "@medloop/infra/local/ports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartTestPlatform, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Fault injection: the platform stopped under load. A request that committed must have had its
 * answer delivered (a client without an Idempotency-Key cannot otherwise learn the outcome); a
 * request the stop turned away must have changed nothing. Seen from outside: the 2xx answers and the
 * ledger after a restart are the same set of moves.
 */
let p: TestPlatform;
let coating: { materialId: string; warehouseId: string; locationId: string };

beforeAll(async () => {
  p = await startTestPlatform();
  const token = await p.login("acme-med", "warehouse@acme-med.test");
  const { body: safety } = await p.call("GET", "/v1/inventory/safety-stock", { token });
  const stock = await Promise.all(
    (safety.items as { materialId: string }[]).map(
      async (s) => (await p.call("GET", `/v1/inventory/stock?materialId=${s.materialId}`, { token })).body.items,
    ),
  );
  const c = (stock.flat() as (typeof coating & { lotNo: string })[]).find((b) => b.lotNo === "C2601")!;
  coating = { materialId: c.materialId, warehouseId: c.warehouseId, locationId: c.locationId };
});
afterAll(() => p?.stop());

describe("stopping under load", () => {
  it("answers every request that committed, and a turned-away one changed nothing", async () => {
    const token = await p.login("acme-med", "warehouse@acme-med.test");
    const api = p.urls.api;
    const run = `stop-${Date.now().toString(36)}`;
    const answered = new Map<string, number>();
    const failed: string[] = [];
    const requests = Array.from({ length: 300 }, (_, i) => {
      const reference = `${run}-${i}`;
      return fetch(`${api}/v1/inventory/issues`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...coating, lotNo: "C2601", quantity: 1, reference }),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          answered.set(reference, res.status);
        },
        () => void failed.push(reference),
      );
    });
    // Stop while requests are committing: some answered already, most still queued or inside a handler.
    await waitFor(() => answered.size >= 20 || undefined, { timeoutMs: 60_000, what: "the first answers" });
    p = await restartTestPlatform(p);
    await Promise.all(requests);

    expect(answered.size + failed.length).toBe(300);
    const committed = new Set<string>();
    const again = await p.login("acme-med", "warehouse@acme-med.test");
    const ledger = await p.call("GET", `/v1/inventory/materials/${coating.materialId}/lots/C2601/ledger`, {
      token: again,
    });
    expect(ledger.status).toBe(200);
    for (const line of ledger.body.items as { reference: string | null }[]) {
      if (line.reference?.startsWith(`${run}-`)) committed.add(line.reference);
    }

    const ok = [...answered].filter(([, status]) => status === 201).map(([reference]) => reference);
    // Every committed move was answered 201, and every 201 is a committed move, once.
    expect([...committed].sort()).toEqual(ok.sort());
    // The rest were turned away (503 or a refused connection), never half-done.
    for (const [, status] of answered) expect([201, 503]).toContain(status);
    expect(ok.length).toBeGreaterThanOrEqual(20);
  }, 180_000);
});
