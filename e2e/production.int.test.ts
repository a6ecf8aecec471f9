import { routesOf } from "@medloop/functions/declaration/types";
import { production } from "@medloop/shared/contracts/production";
import { traceability } from "@medloop/shared/contracts/traceability";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import { fillPath } from "./route-samples.ts";

/**
 * Production and traceability over HTTP on the seeded acme-med master data: release an order,
 * scan-issue, report operations with serials, inspect, NC, sign the release, receive the finished
 * goods, then trace backward and forward. Hospitals and partners are refused on every route.
 */
let p: TestPlatform;
const token: Record<string, string> = {};
const PASSWORD = "medloop-demo-2026";

beforeAll(async () => {
  p = await startTestPlatform({ seed: "demo" });
  for (const role of ["planner", "operator", "warehouse", "qc-inspector", "quality-engineer"]) {
    token[role] = await p.login("acme-med", `${role}@acme-med.test`);
  }
});
afterAll(() => p?.stop());

const call = (role: string, method: string, path: string, body?: unknown) =>
  p.call(method, path, { token: token[role], body, headers: { "idempotency-key": crypto.randomUUID() } });

describe("a batch from release to trace", () => {
  it("runs the whole flow through the API", async () => {
    const get = async (path: string) => (await call("planner", "GET", path)).body;
    const products = await get("/v1/products");
    const pump = products.items.find((x: { code: string }) => x.code === "IP-200");
    const materials = (await get("/v1/materials")).items as { code: string; materialId: string }[];
    const warehouses = (await get("/v1/warehouses")).items as { code: string; warehouseId: string }[];
    const placeOf = async (wh: string, loc: string) => {
      const w = warehouses.find((x) => x.code === wh)!;
      const l = (await get(`/v1/warehouses/${w.warehouseId}/locations`)).items.find(
        (x: { code: string }) => x.code === loc,
      );
      return { warehouseId: w.warehouseId, locationId: l.locationId };
    };
    const raw = await placeOf("WH-RAW", "A-01-01");
    const fg = await placeOf("WH-FG", "F-02");
    const keypad = materials.find((m) => m.code === "KPD-IP-12")!.materialId;
    await call("warehouse", "POST", "/v1/inventory/receipts", {
      materialId: keypad,
      lotNo: "KP-E2E",
      ...raw,
      quantity: 5,
    });

    const created = await call("planner", "POST", "/v1/production/orders", {
      productId: pump.productId,
      quantity: 2,
      plannedStart: new Date().toISOString().slice(0, 10),
      fgLotNo: "IP-E2E-1",
    });
    expect(created.status).toBe(201);
    const orderId = created.body.orderId as string;
    const path = (rest = "") => `/v1/production/orders/${orderId}${rest}`;

    const wrong = await call("operator", "POST", path("/issues"), { scan: "(10)NO-SUCH-LOT", ...raw, quantity: 1 });
    expect(wrong).toMatchObject({ status: 422, body: { error: { code: "wrong-material" } } });
    const issued = await call("operator", "POST", path("/issues"), { scan: "(10)KP-E2E", ...raw, quantity: 2 });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ materialCode: "KPD-IP-12", lotNo: "KP-E2E" });

    const ops = created.body.route.operations as { sequence: number }[];
    const units = [{ serialNo: "E2E-0001" }, { serialNo: "E2E-0002" }];
    for (const op of ops) {
      const r = await call("operator", "POST", path("/operations"), {
        sequence: op.sequence,
        good: 2,
        startedAt: "2026-06-02T08:00:00Z",
        finishedAt: "2026-06-02T08:30:00Z",
        equipment: "BENCH-7",
        units,
      });
      expect(r.status).toBe(201);
    }
    const bad = await call("operator", "POST", path("/operations"), {
      sequence: ops[0]!.sequence,
      good: 0,
      startedAt: "2026-06-02T08:00:00Z",
      finishedAt: "2026-06-02T08:30:00Z",
      equipment: "BENCH-7",
    });
    expect(bad.status).toBe(400);

    const inspection = await call("qc-inspector", "POST", path("/inspections"), {
      kind: "sampling",
      sequence: ops[0]!.sequence,
      sampleSize: 1,
      serials: ["E2E-0002"],
      measurements: [{ characteristic: "Flow accuracy", value: 9, lower: -5, upper: 5, unit: "%" }],
    });
    expect(inspection.body).toMatchObject({ result: "fail" });
    const blocked = await call("quality-engineer", "POST", path("/release"), {
      password: PASSWORD,
      meaning: "released",
    });
    expect(blocked).toMatchObject({ status: 422, body: { error: { code: "open-nonconformances" } } });
    const nc = await call("quality-engineer", "POST", path(`/nonconformances/${inspection.body.ncId}/disposition`), {
      disposition: "use-as-is",
      reason: "within clinical tolerance",
      concessionNo: "CON-E2E",
    });
    expect(nc.body).toMatchObject({ status: "dispositioned" });
    const wrongPassword = await call("quality-engineer", "POST", path("/release"), {
      password: "nope",
      meaning: "released",
    });
    expect(wrongPassword).toMatchObject({ status: 422, body: { error: { code: "signature-invalid" } } });
    const released = await call("quality-engineer", "POST", path("/release"), {
      password: PASSWORD,
      meaning: "released",
    });
    expect(released).toMatchObject({ status: 200, body: { meaning: "released" } });
    const received = await call("warehouse", "POST", path("/receipt"), fg);
    expect(received.body).toMatchObject({ received: 2, serials: ["E2E-0001", "E2E-0002"] });

    const back = await call(
      "quality-engineer",
      "GET",
      `/v1/trace/backward?udi=${encodeURIComponent("(01)06950123450012(21)E2E-0001")}`,
    );
    expect(back.status).toBe(200);
    expect(back.body.record.issues.map((i: { lotNo: string }) => i.lotNo)).toEqual(["KP-E2E"]);
    expect(back.body.record.inspections[0]).toMatchObject({ result: "fail" });
    expect(back.body.record.nonconformances[0]).toMatchObject({ concessionNo: "CON-E2E" });
    expect(back.body.record.release.manifest).toContain("released");
    expect(back.body.custodian).toMatchObject({ state: "in-stock", locationId: fg.locationId });
    expect(back.body.cost.roundTrips).toBe(2);
    // A unit nobody made, a scan that is no UDI, and a UDI without a serial: each refused in words.
    const backOf = (udi: string) =>
      call("quality-engineer", "GET", `/v1/trace/backward?udi=${encodeURIComponent(udi)}`);
    expect((await backOf("(01)06950123450012(21)NEVER-MADE")).body.error.code).toBe("unit-not-found");
    expect((await backOf("not a barcode")).body.error.code).toBe("udi-unreadable");
    expect((await backOf("(01)06950123450012(17)270101")).body.error.code).toBe("udi-without-serial");

    const fwd = await call("quality-engineer", "GET", `/v1/trace/forward?materialId=${keypad}&lotNo=KP-E2E`);
    expect(fwd.body.serials.map((s: { serialNo: string }) => s.serialNo)).toEqual(["E2E-0001", "E2E-0002"]);
    expect(fwd.body.cost.roundTrips).toBeLessThanOrEqual(3);
  });

  it("has the seeded orders, finished serials in stock among them", async () => {
    const { body } = await call("planner", "GET", "/v1/production/orders");
    expect(body.items.map((o: { status: string }) => o.status)).toEqual(
      expect.arrayContaining(["received", "in-progress", "released"]),
    );
  });

  it("traces a seeded supplier lot forward to serials in stock and at both hospitals", async () => {
    // The seeded pump lot IP200-2601 drew one supplier lot of every lot-tracked BOM line, bought for the
    // orders of the first quarter; some of its units went to each hospital.
    const orders = (await call("planner", "GET", "/v1/production/orders")).body.items as {
      orderId: string;
      fgLotNo: string;
    }[];
    const order = orders.find((o) => o.fgLotNo === "IP200-2601")!;
    const detail = (await call("planner", "GET", `/v1/production/orders/${order.orderId}`)).body;
    const issue = detail.issues[0] as { materialId: string; lotNo: string };
    const fwd = await call(
      "quality-engineer",
      "GET",
      `/v1/trace/forward?materialId=${issue.materialId}&lotNo=${encodeURIComponent(issue.lotNo)}`,
    );
    expect(fwd.status).toBe(200);
    const custodians = new Set(
      fwd.body.serials.map((s: { custodian: { custodianTenantId: string | null } }) => s.custodian?.custodianTenantId),
    );
    const serials = fwd.body.serials as { fgLotNo: string }[];
    expect(serials.filter((s) => s.fgLotNo === "IP200-2601")).toHaveLength(45);
    expect(new Set(serials.map((s) => s.fgLotNo)).size).toBeGreaterThan(1);
    expect([...custodians]).toEqual(expect.arrayContaining(["city-hospital", "river-hospital", null]));
  });
});

describe("hospitals and partners", () => {
  const all = [...routesOf(production), ...routesOf(traceability)];
  it.each([
    ["city-hospital", "admin@city-hospital.test"],
    ["fixit-service", "admin@fixit-service.test"],
  ])("%s is refused on every production and trace route", async (tenant, email) => {
    const outsider = await p.login(tenant, email);
    const id = crypto.randomUUID();
    for (const r of all) {
      const res = await p.call(r.method, fillPath(r.path, { orderId: id, ncId: id }), {
        token: outsider,
        body: r.method === "GET" ? undefined : {},
      });
      expect([r.path, res.status]).toEqual([r.path, 403]);
    }
  });
});
