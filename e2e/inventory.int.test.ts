import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/** The inventory ledger over HTTP, on the seeded acme-med stock. */
let p: TestPlatform;
let warehouse: string;
let coating: { materialId: string; warehouseId: string; locationId: string };
let boardHeld: { materialId: string; lotNo: string; warehouseId: string; locationId: string };

type Line = { quantity: number; reservedDelta: number; locationId: string };

beforeAll(async () => {
  p = await startTestPlatform();
  warehouse = await p.login("acme-med", "warehouse@acme-med.test");
  const { body: safety } = await p.call("GET", "/v1/inventory/safety-stock", { token: warehouse });
  const stock = await Promise.all(
    safety.items.map(async (s: { materialId: string }) => {
      const res = await p.call("GET", `/v1/inventory/stock?materialId=${s.materialId}`, { token: warehouse });
      return res.body.items;
    }),
  );
  const all = stock.flat();
  const g = all.find((b: { lotNo: string }) => b.lotNo === "C2601");
  coating = { materialId: g.materialId, warehouseId: g.warehouseId, locationId: g.locationId };
  const b = all.find((x: { lotNo: string }) => x.lotNo === "M-0415");
  boardHeld = { materialId: b.materialId, lotNo: b.lotNo, warehouseId: b.warehouseId, locationId: b.locationId };
});
afterAll(() => p?.stop());

async function ledgerMatches(materialId: string, lotNo: string) {
  const lot = await p.call("GET", `/v1/inventory/materials/${materialId}/lots/${lotNo}`, { token: warehouse });
  const ledger = await p.call("GET", `/v1/inventory/materials/${materialId}/lots/${lotNo}/ledger`, {
    token: warehouse,
  });
  for (const b of lot.body.balances) {
    const lines = (ledger.body.items as Line[]).filter((l) => l.locationId === b.locationId);
    expect(lines.reduce((n, l) => n + l.quantity, 0)).toBe(b.onHand);
    expect(lines.reduce((n, l) => n + l.reservedDelta, 0)).toBe(b.reserved);
    expect(b.onHand).toBeGreaterThanOrEqual(0);
  }
  return { balances: lot.body.balances, lines: ledger.body.items as Line[] };
}

describe("inventory over HTTP", () => {
  it("50 parallel issues of the same lot never drive stock below zero; the ledger sums to the balance", async () => {
    const lot = { ...coating, lotNo: "RACE-1" };
    const receipt = await p.call("POST", "/v1/inventory/receipts", {
      token: warehouse,
      body: { ...lot, quantity: 30, expiresOn: "2030-01-31" },
    });
    expect(receipt.status).toBe(201);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        p.call("POST", "/v1/inventory/issues", { token: warehouse, body: { ...lot, quantity: 1 } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const ok = statuses.filter((s) => s === 201).length;
    expect(ok).toBeLessThanOrEqual(30);
    for (const r of responses.filter((x) => x.status !== 201)) {
      // Refused with a typed answer: not enough stock (with what is there), or a race lost after retries.
      expect([422, 409]).toContain(r.status);
      if (r.status === 422) expect(r.body.error).toMatchObject({ code: "insufficient-stock" });
    }
    const { balances, lines } = await ledgerMatches(lot.materialId, lot.lotNo);
    expect(balances[0].onHand).toBe(30 - ok);
    expect(lines).toHaveLength(1 + ok);
  });

  it("bad input gets a typed error and writes nothing", async () => {
    const lot = { ...coating, lotNo: "C2601" };
    const before = await ledgerMatches(lot.materialId, lot.lotNo);
    const cases: [unknown, number, string][] = [
      [{ ...lot }, 400, "invalid-input"],
      [{ ...lot, quantity: -3 }, 400, "invalid-input"],
      [{ ...lot, quantity: 1.5 }, 400, "invalid-input"],
      [{ ...lot, quantity: 1, tenantId: "city-hospital" }, 400, "invalid-input"],
      [{ ...lot, quantity: 1, materialId: "8d7c1c7e-3d0c-4f43-9a7e-1d1f3c2a0b11" }, 422, "unknown-material"],
      [{ ...lot, quantity: 1, locationId: "8d7c1c7e-3d0c-4f43-9a7e-1d1f3c2a0b11" }, 422, "unknown-location"],
      [{ ...lot, quantity: 1, lotNo: undefined }, 422, "lot-required"],
      [{ ...lot, quantity: 100_000 }, 422, "insufficient-stock"],
    ];
    for (const [body, status, code] of cases) {
      const res = await p.call("POST", "/v1/inventory/issues", { token: warehouse, body });
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    const short = await p.call("POST", "/v1/inventory/issues", {
      token: warehouse,
      body: { ...lot, quantity: 100_000 },
    });
    expect(short.body.error.details.available).toBe(before.balances[0].available);
    const after = await ledgerMatches(lot.materialId, lot.lotNo);
    expect(after.lines).toHaveLength(before.lines.length);
  });

  it("a held lot cannot be issued or shipped; an expired lot cannot be issued", async () => {
    const held = { ...boardHeld, quantity: 1 };
    const issue = await p.call("POST", "/v1/inventory/issues", { token: warehouse, body: held });
    expect([issue.status, issue.body.error.code]).toEqual([422, "lot-on-hold"]);
    const ship = await p.call("POST", "/v1/inventory/shipments", {
      token: warehouse,
      body: { ...held, reference: "SO-9" },
    });
    expect([ship.status, ship.body.error.code]).toEqual([422, "lot-on-hold"]);
    const old = { ...coating, lotNo: "OLD-1" };
    await p.call("POST", "/v1/inventory/receipts", {
      token: warehouse,
      body: { ...old, quantity: 5, expiresOn: "2020-01-31", reference: "customer return" },
    });
    const expired = await p.call("POST", "/v1/inventory/issues", { token: warehouse, body: { ...old, quantity: 1 } });
    expect([expired.status, expired.body.error.code]).toEqual([422, "lot-expired"]);
  });

  it("the same Idempotency-Key moves stock once and answers the same", async () => {
    const body = { ...coating, lotNo: "C2601", quantity: 2 };
    const headers = { "idempotency-key": "inv-e2e-issue-0001" };
    const first = await p.call("POST", "/v1/inventory/issues", { token: warehouse, body, headers });
    const again = await p.call("POST", "/v1/inventory/issues", { token: warehouse, body, headers });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const { lines } = await ledgerMatches(coating.materialId, "C2601");
    expect(lines.filter((l) => (l as unknown as { moveId: string }).moveId === first.body.moveId)).toHaveLength(1);
  });

  it("hospitals and partners are refused every inventory route, whatever their role", async () => {
    for (const [tenant, user] of [
      ["city-hospital", "admin"],
      ["fixit-service", "admin"],
    ]) {
      const token = await p.login(tenant!, `${user}@${tenant}.test`);
      const res = await p.call("GET", `/v1/inventory/stock?materialId=${coating.materialId}`, { token });
      expect([res.status, res.body.error.code]).toEqual([403, "tenant-kind-not-allowed"]);
      expect(JSON.stringify(res.body)).not.toContain("C2601");
    }
  });

  it("FEFO suggests the lot nearest expiry first", async () => {
    const res = await p.call("GET", `/v1/inventory/fefo?materialId=${coating.materialId}&quantity=450`, {
      token: warehouse,
    });
    expect(res.status).toBe(200);
    expect(res.body.picks[0]).toMatchObject({ lotNo: "C2510", quantity: 400 });
    expect(res.body.picks[1]).toMatchObject({ lotNo: "C2601", quantity: 50 });
  });

  it("there is no route to change or delete a ledger line", async () => {
    const ledger = await p.call("GET", `/v1/inventory/materials/${coating.materialId}/lots/C2601/ledger`, {
      token: warehouse,
    });
    const lineId = ledger.body.items[0].lineId;
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await p.call(method, `/v1/inventory/materials/${coating.materialId}/lots/C2601/ledger/${lineId}`, {
        token: warehouse,
        body: {},
      });
      expect(res.status).toBe(404);
    }
  });
});
