import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { Holds, Moves, Stock } from "../inventory/index.ts";
import { type Actor, withActor } from "../tenant/context.ts";
import { Tenants, Users } from "../tenant/index.ts";
import {
  BatchReleases,
  FinishedGoods,
  InProcessQuality,
  MaterialIssues,
  Operations,
  ProductionOrders,
  Trace,
} from "./index.ts";
import { productionMasterData } from "./test-fixture.ts";

const T = "acme";
const user = (role: "planner" | "operator" | "warehouse" | "qc-inspector"): Actor => ({
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId: `u-${role}`,
  email: `${role}@acme.test`,
  roles: [role],
});
const as = <R>(fn: () => Promise<R>, role: Parameters<typeof user>[0] = "operator") => withActor(user(role), fn);

const PASSWORD = "qc signs batches";
let signer: Actor;
let md: Awaited<ReturnType<typeof productionMasterData>>;
const at = (minutes: number) => new Date(Date.UTC(2026, 5, 2, 8, minutes)).toISOString();

beforeAll(async () => {
  await ensureTestTable();
  await withActor({ type: "system", tenantId: T, name: "test" }, async () => {
    await Tenants.create({ name: "Acme", kind: "manufacturer", defaultLocale: "en" });
    const u = await Users.create({
      email: "qe@acme.test",
      name: "Quinn QE",
      roles: ["quality-engineer"],
      password: PASSWORD,
    });
    signer = {
      type: "user",
      tenantId: T,
      tenantKind: "manufacturer",
      userId: u.userId,
      email: u.email,
      roles: ["quality-engineer"],
    };
  });
  md = await as(productionMasterData, "planner");
  await as(async () => {
    await Moves.receive({ materialId: md.sensor, lotNo: "S1", ...md.rawPlace, quantity: 100 });
    await Moves.receive({ materialId: md.sensor, lotNo: "S-HELD", ...md.rawPlace, quantity: 10 });
    await Moves.receive({ materialId: md.housing, lotNo: "H1", ...md.rawPlace, quantity: 50 });
    for (const serialNo of ["B1", "B2"])
      await Moves.receive({ materialId: md.board, serialNo, ...md.rawPlace, quantity: 1 });
  }, "warehouse");
  await as(() => Holds.hold({ materialId: md.sensor, lotNo: "S-HELD", reason: "supplier complaint" }), "qc-inspector");
});

const newOrder = (fgLotNo: string, quantity = 2) =>
  as(
    () => ProductionOrders.create({ productId: md.productId, quantity, plannedStart: "2026-06-01", fgLotNo }),
    "planner",
  );

describe("production orders", () => {
  it("snapshots the BOM and route revisions in force on the planned start", async () => {
    const order = await newOrder("P-SNAP");
    expect(order.status).toBe("released");
    expect(order.bom.revision).toBe(1);
    expect(order.bom.lines.map((l) => l.materialCode)).toEqual(["SNS", "PCB", "HSG"]);
    expect(order.route.operations.map((o) => [o.sequence, o.workCentreCode])).toEqual([
      [10, "ASSY"],
      [20, "TEST"],
      [30, "QC"],
    ]);
    const again = await as(() => ProductionOrders.get({ orderId: order.orderId }));
    expect(again.order).toEqual(order);
  });

  it("refuses a start date before any released BOM, and a finished lot made by another order", async () => {
    await expect(
      as(
        () =>
          ProductionOrders.create({
            productId: md.productId,
            quantity: 1,
            plannedStart: "2025-01-01",
            fgLotNo: "P-OLD",
          }),
        "planner",
      ),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "no-effective-bom" });
    await newOrder("P-DUP");
    await expect(newOrder("P-DUP")).rejects.toMatchObject({ code: "fg-lot-taken" });
  });
});

describe("material issue by scan", () => {
  it("finds the BOM material from the scanned lot, moves the stock and records the line", async () => {
    const order = await newOrder("P-ISSUE");
    const line = await as(() =>
      MaterialIssues.issueMaterial({
        orderId: order.orderId,
        scan: "(01)09501101530003(10)S1",
        ...md.rawPlace,
        quantity: 4,
      }),
    );
    expect(line).toMatchObject({ materialCode: "SNS", lotNo: "S1", quantity: 4, origin: null });
    const { balances } = await as(() => Stock.lot({ materialId: md.sensor, lotNo: "S1" }));
    expect(balances[0]!.onHand).toBe(96);
    const record = await as(() => ProductionOrders.get({ orderId: order.orderId }));
    expect(record.issues).toHaveLength(1);
  });

  it("rejects a wrong material, a held lot and an unreadable label, writing nothing", async () => {
    const order = await newOrder("P-BAD");
    const scan = (s: string) =>
      as(() => MaterialIssues.issueMaterial({ orderId: order.orderId, scan: s, ...md.rawPlace, quantity: 1 }));
    await expect(scan("(10)NOPE")).rejects.toMatchObject({ code: "wrong-material" });
    await expect(scan("(10)S-HELD")).rejects.toMatchObject({ code: "lot-on-hold" });
    await expect(scan("(01)09501101530004(10)S1")).rejects.toMatchObject({ code: "scan-unreadable" });
    const record = await as(() => ProductionOrders.get({ orderId: order.orderId }));
    expect(record.issues).toEqual([]);
    const { balances } = await as(() => Stock.lot({ materialId: md.sensor, lotNo: "S-HELD" }));
    expect(balances[0]!.onHand).toBe(10);
  });
});

describe("operations, inspections and nonconformances", () => {
  it("binds serials to one order only, and a failed inspection raises an NC that scrap disposes of", async () => {
    const order = await newOrder("P-OPS", 2);
    const op = await as(() =>
      Operations.report({
        orderId: order.orderId,
        sequence: 10,
        good: 2,
        startedAt: at(0),
        finishedAt: at(30),
        equipment: "SCREWDRIVER-07",
        units: [{ serialNo: "OPS-1", components: [{ materialId: md.board, serialNo: "B1" }] }, { serialNo: "OPS-2" }],
      }),
    );
    expect(op).toMatchObject({ operationCode: "ASSEMBLE", workCentreCode: "ASSY", operatorName: "operator@acme.test" });
    const other = await newOrder("P-OTHER", 1);
    await expect(
      as(() =>
        Operations.report({
          orderId: other.orderId,
          sequence: 10,
          good: 1,
          startedAt: at(0),
          finishedAt: at(5),
          equipment: "X",
          units: [{ serialNo: "OPS-1" }],
        }),
      ),
    ).rejects.toMatchObject({ code: "serial-taken" });

    const inspection = await as(
      () =>
        InProcessQuality.inspect({
          orderId: order.orderId,
          kind: "first-article",
          sequence: 10,
          sampleSize: 1,
          serials: ["OPS-2"],
          measurements: [{ characteristic: "Flow accuracy", value: 6.5, lower: -5, upper: 5, unit: "%" }],
        }),
      "qc-inspector",
    );
    expect(inspection.result).toBe("fail");
    expect(inspection.ncId).toBeTruthy();
    const nc = await as(
      () =>
        InProcessQuality.disposition({
          orderId: order.orderId,
          ncId: inspection.ncId!,
          disposition: "scrap",
          reason: "flow out of tolerance",
        }),
      "qc-inspector",
    );
    expect(nc.status).toBe("dispositioned");
    await expect(
      as(
        () =>
          InProcessQuality.disposition({
            orderId: order.orderId,
            ncId: inspection.ncId!,
            disposition: "rework",
            reason: "again",
          }),
        "qc-inspector",
      ),
    ).rejects.toMatchObject({ code: "nc-already-dispositioned" });
    const trace = await as(() => Trace.backward({ productId: md.productId, serialNo: "OPS-2" }), "qc-inspector");
    expect(trace.unit.state).toBe("scrapped");
    expect(trace.record.nonconformances[0]).toMatchObject({ disposition: "scrap" });
    expect(trace.record.inspections[0]).toMatchObject({ result: "fail" });
    expect(trace.cost.roundTrips).toBe(2);
    const board = await as(() => Trace.backward({ udi: "(01)06950123450012(21)OPS-1" }), "qc-inspector");
    expect(board.unit.components).toEqual([{ materialId: md.board, serialNo: "B1" }]);
  });
});

describe("batch release, finished goods and the traces", () => {
  it("releases a signed batch, receives its units and traces them both ways", async () => {
    const order = await newOrder("P-FULL", 2);
    const orderId = order.orderId;
    await as(() => MaterialIssues.issueMaterial({ orderId, scan: "(10)S1", ...md.rawPlace, quantity: 4 }));
    await as(() => MaterialIssues.issueMaterial({ orderId, scan: "(10)H1", ...md.rawPlace, quantity: 2 }));
    await as(() =>
      MaterialIssues.issueMaterial({ orderId, scan: "(01)09501101530003(21)B2", ...md.rawPlace, quantity: 1 }),
    );
    const units = [
      { serialNo: "FULL-1", components: [{ materialId: md.board, serialNo: "B2" }] },
      { serialNo: "FULL-2" },
    ];
    for (const sequence of [10, 20, 30]) {
      await as(() =>
        Operations.report({
          orderId,
          sequence,
          good: 2,
          startedAt: at(sequence),
          finishedAt: at(sequence + 5),
          equipment: `EQ-${sequence}`,
          units,
        }),
      );
    }
    const nc = await as(() =>
      InProcessQuality.raise({
        orderId,
        sequence: 20,
        description: "Scratch on housing",
        quantity: 1,
        serials: ["FULL-2"],
      }),
    );
    const sign = (password: string) =>
      as(() => withActor(signer, () => BatchReleases.releaseBatch({ orderId, password, meaning: "released" })));
    await expect(sign(PASSWORD)).rejects.toMatchObject({ code: "open-nonconformances" });
    await as(
      () =>
        InProcessQuality.disposition({
          orderId,
          ncId: nc.ncId,
          disposition: "use-as-is",
          reason: "cosmetic only",
          concessionNo: "CON-7",
        }),
      "qc-inspector",
    );
    await expect(
      as(() => FinishedGoods.receiveFinished({ orderId, ...md.fgPlace }), "warehouse"),
    ).rejects.toMatchObject({ code: "batch-not-released" });
    await expect(sign("wrong password")).rejects.toMatchObject({ code: "signature-invalid" });
    const release = await sign(PASSWORD);
    expect(release).toMatchObject({ meaning: "released", signerName: "Quinn QE", good: 2 });

    const receipt = await as(() => FinishedGoods.receiveFinished({ orderId, ...md.fgPlace }), "warehouse");
    expect(receipt).toMatchObject({ received: 2, serials: ["FULL-1", "FULL-2"] });
    const again = await as(() => FinishedGoods.receiveFinished({ orderId, ...md.fgPlace }), "warehouse");
    expect(again.received).toBe(0);
    const { balances } = await as(() => Stock.lot({ materialId: md.pumpFg, lotNo: "P-FULL" }));
    expect(balances.map((b) => b.serialNo).sort()).toEqual(["FULL-1", "FULL-2"]);

    const back = await as(() => Trace.backward({ productId: md.productId, serialNo: "FULL-1" }));
    expect(back.custodian).toMatchObject({ state: "in-stock", locationId: md.fgPlace.locationId });
    expect(back.record.issues.map((i) => i.materialCode).sort()).toEqual(["HSG", "PCB", "SNS"]);
    expect(back.record.operations.map((o) => o.equipment)).toEqual(["EQ-10", "EQ-20", "EQ-30"]);
    expect(back.record.release?.manifest).toContain("Quinn QE");
    expect(back.record.nonconformances[0]).toMatchObject({ disposition: "use-as-is", concessionNo: "CON-7" });
    expect(back.cost.roundTrips).toBe(2);

    const fwd = await as(() => Trace.forward({ materialId: md.housing, lotNo: "H1" }));
    expect(fwd.lots).toEqual([expect.objectContaining({ orderId, fgLotNo: "P-FULL", level: 1 })]);
    expect(fwd.serials.map((s) => [s.serialNo, s.custodian?.state])).toEqual([
      ["FULL-1", "in-stock"],
      ["FULL-2", "in-stock"],
    ]);
    expect(fwd.cost.roundTrips).toBeLessThanOrEqual(3);

    // A finished lot recalled as such: its own units are its scope (level 0), though nothing consumed it.
    const own = await as(() => Trace.forward({ materialId: md.pumpFg, lotNo: "P-FULL" }));
    expect(own.lots).toEqual([expect.objectContaining({ orderId, fgLotNo: "P-FULL", level: 0 })]);
    expect(own.serials.map((s) => s.serialNo)).toEqual(["FULL-1", "FULL-2"]);
  });
});
