import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { clientFromEnv, tableName } from "../db/client.ts";
import type { EventDetail } from "../events/define.ts";
import { InstalledBase } from "../installed-base/index.ts";
import { Holds, Moves, Stock } from "../inventory/index.ts";
import { Customers, Locations, Materials, Products, Sites, Warehouses } from "../masterdata/index.ts";
import { type Actor, withActor, withScope } from "../tenant/context.ts";
import { Tenants } from "../tenant/index.ts";
import { TenantLinkMirror, TenantLinks } from "../tenant-link/index.ts";
import { compose, formatUdi } from "../udi/index.ts";
import type { ShipmentDelivered, ShipmentDispatched } from "./events.ts";
import { Shipments } from "./index.ts";

const M = "ship-mfr";
const H = "ship-hosp";
const H2 = "ship-hosp-two";
const sales: Actor = {
  type: "user",
  tenantId: M,
  tenantKind: "manufacturer",
  userId: "u-sales",
  email: "sales@mfr.test",
  roles: ["sales", "warehouse"],
};
const as = <R>(fn: () => Promise<R>, actor: Actor = sales) => withActor(actor, fn);
const inHospital = <R>(tenantId: string, fn: () => Promise<R>) =>
  withActor(
    { type: "user", tenantId, tenantKind: "hospital", userId: "u-bio", email: "b@h.test", roles: ["biomed-engineer"] },
    fn,
  );
const inYears = (n: number) => `${new Date().getUTCFullYear() + n}-06-30`;

let pump: Products.Info;
let lotPump: Products.Info;
/** The material the pump's finished units are stocked as (the product's code). */
let pumpStock: string;
let fg: { warehouseId: string; locationId: string };
let hospitalCustomer: string;
let distributor: string;

const serial = (n: number) => `SN-${String(n).padStart(4, "0")}`;
const receive = (serialNo: string, lotNo = "FG-01", expiresOn = inYears(5)) =>
  as(() => Moves.receive({ materialId: pumpStock, lotNo, serialNo, ...fg, quantity: 1, expiresOn, reference: "FG" }));
/** The label a scanner reads: symbology identifier, GS separators. */
const label = (serialNo: string, lot = "FG-01", expiry = inYears(5)) => {
  const udi = compose({ gtin: pump.udiDi, lot, expiry, serial: serialNo });
  if ("error" in udi) throw new Error(udi.message);
  return formatUdi(udi, "gs1-element-string", { symbologyIdentifier: "]d2" }) as string;
};
const unitOf = async (serialNo: string) =>
  (
    await clientFromEnv().send(
      new GetCommand({
        TableName: tableName(),
        Key: { pk: `t#${M}#serial#${pumpStock}#${serialNo}`, sk: "serial" },
      }),
    )
  ).Item;

async function outbox(detailType: string) {
  const client = clientFromEnv();
  const out: { tenantId: string; data: Record<string, unknown> }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName(),
        ExclusiveStartKey: start,
        FilterExpression: "detailType = :t",
        ExpressionAttributeValues: { ":t": detailType },
      }),
    );
    out.push(...(page.Items ?? []).map((i) => JSON.parse(i.detail as string)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

beforeAll(async () => {
  await ensureTestTable();
  await withActor({ type: "system", tenantId: M, name: "test" }, () =>
    Tenants.create({ name: "Pump Maker Ltd", kind: "manufacturer", defaultLocale: "en" }),
  );
  for (const [t, name] of [
    [H, "General Hospital"],
    [H2, "Other Hospital"],
  ]) {
    await withActor({ type: "system", tenantId: t!, name: "test" }, () =>
      Tenants.create({ name: name!, kind: "hospital", defaultLocale: "en" }),
    );
  }
  await as(async () => {
    const site = await Sites.create({ code: "SZ", name: "Suzhou", timezone: "Asia/Shanghai" });
    const w = await Warehouses.create({ code: "FG", name: "FG", siteId: site.siteId, purpose: "finished-goods" });
    const l = await Locations.create({ warehouseId: w.warehouseId, code: "F-01", name: "F 01", kind: "floor" });
    fg = { warehouseId: w.warehouseId, locationId: l.locationId };
    const base = { deviceClass: "IIb" as const, modelVersion: "1", tracking: "serial" as const };
    pump = await Products.create({
      ...base,
      code: "IP-1",
      name: "Infusion pump IP-1",
      udiDi: "06950123450012",
      modelNumber: "IP-1",
      warrantyMonths: 24,
      serviceContact: "400-800-1234",
    });
    pumpStock = (
      await Materials.create({
        code: "IP-1",
        name: "Infusion pump IP-1",
        category: "sub-assembly",
        unit: "pcs",
        tracking: "serial",
      })
    ).materialId;
    lotPump = await Products.create({
      ...base,
      code: "SET-1",
      name: "Infusion set",
      udiDi: "06950123450029",
      modelNumber: "SET-1",
      tracking: "lot",
    });
    hospitalCustomer = (
      await Customers.create({ code: "C-H", name: "General Hospital", type: "hospital", region: "East", tenantRef: H })
    ).customerId;
    distributor = (await Customers.create({ code: "C-D", name: "Distributor", type: "distributor", region: "East" }))
      .customerId;
  });
  for (let n = 1; n <= 12; n++) await receive(serial(n));
  await receive("SN-HELD", "FG-02");
  await receive("SN-OLD", "FG-03", "2020-01-31");
  await as(() => Holds.hold({ materialId: pumpStock, lotNo: "FG-02", reason: "NC-7 pending" }));
});

describe("a shipment by serial", () => {
  it("picks by scan and by hand, dispatches in one move with custody, and delivers", async () => {
    const s = await as(() => Shipments.create({ customerId: hospitalCustomer, reference: "SO-1" }));
    expect(s).toMatchObject({ status: "picking", custodianTenantId: H, customerName: "General Hospital" });
    // Not linked yet: the paper delivery goes ahead, and the answer says the hospital's MedLoop gets nothing.
    expect(s.custodianLink).toBe("none");
    expect(s.installedBaseNotice).toMatch(/^General Hospital's MedLoop will not receive these devices: .*no link/);
    await as(() => Shipments.pick({ shipmentId: s.shipmentId, scan: label(serial(1)) }));
    const picked = await as(() =>
      Shipments.pick({ shipmentId: s.shipmentId, productId: pump.productId, serialNo: serial(2) }),
    );
    expect(picked.lines.map((l) => [l.serialNo, l.lotNo, l.locationId])).toEqual([
      [serial(1), "FG-01", fg.locationId],
      [serial(2), "FG-01", fg.locationId],
    ]);
    expect(picked.lines[0]!.udi).toBe(
      `(01)${pump.udiDi}(17)${inYears(5).slice(2).replaceAll("-", "")}(10)FG-01(21)${serial(1)}`,
    );
    expect(await unitOf(serial(1))).toMatchObject({ state: "in-stock", pickedFor: s.shipmentId });

    const dispatched = await as(() => Shipments.dispatch({ shipmentId: s.shipmentId }));
    expect(dispatched).toMatchObject({ status: "dispatched", dispatchedBy: "user:u-sales" });
    for (const n of [1, 2]) {
      const unit = await unitOf(serial(n));
      expect(unit).toMatchObject({
        state: "shipped",
        shipmentId: s.shipmentId,
        customerId: hospitalCustomer,
        custodianTenantId: H,
      });
      expect(unit).not.toHaveProperty("pickedFor");
    }
    const ledger = await as(() => Stock.ledgerOfLot({ materialId: pumpStock, lotNo: "FG-01" }));
    const shipLines = ledger.items.filter((l) => l.kind === "ship");
    expect(shipLines.map((l) => [l.serialNo, l.quantity, l.reference])).toEqual(
      expect.arrayContaining([
        [serial(1), -1, s.shipmentNo],
        [serial(2), -1, s.shipmentNo],
      ]),
    );
    expect(new Set(shipLines.map((l) => l.moveId)).size).toBe(1);
    const events = (await outbox("Shipping.ShipmentDispatched.v1")).filter((e) => e.data.shipmentId === s.shipmentId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: M,
      data: { custodianTenantId: H, manufacturerName: "Pump Maker Ltd" },
    });

    const where = await as(() => Shipments.whereabouts({ productId: pump.productId, serialNo: serial(1) }));
    expect(where).toMatchObject({ state: "shipped", shipment: { shipmentNo: s.shipmentNo, custodianTenantId: H } });

    await expect(as(() => Shipments.pick({ shipmentId: s.shipmentId, scan: label(serial(3)) }))).rejects.toMatchObject({
      code: "shipment-not-open",
    });
    const delivered = await as(() => Shipments.deliver({ shipmentId: s.shipmentId }));
    expect(delivered.status).toBe("delivered");
    await expect(as(() => Shipments.deliver({ shipmentId: s.shipmentId }))).rejects.toMatchObject({
      code: "shipment-not-dispatched",
    });
    expect(
      (await outbox("Shipping.ShipmentDelivered.v1")).filter((e) => e.data.shipmentId === s.shipmentId),
    ).toHaveLength(1);
  });

  it("refuses held, expired, unstocked, mismatched and unreadable picks with 422s, and writes nothing", async () => {
    const s = await as(() => Shipments.create({ customerId: distributor }));
    const pick = (p: { scan?: string; productId?: string; serialNo?: string }) =>
      as(() => Shipments.pick({ shipmentId: s.shipmentId, ...p }));
    const refused = (p: Parameters<typeof pick>[0], code: string) =>
      expect(pick(p)).rejects.toMatchObject({ kind: "unprocessable", code });
    await refused({ productId: pump.productId, serialNo: "SN-HELD" }, "lot-on-hold");
    await refused({ productId: pump.productId, serialNo: "SN-OLD" }, "lot-expired");
    await refused({ productId: pump.productId, serialNo: "SN-NEVER" }, "serial-not-in-stock");
    await refused({ productId: pump.productId, serialNo: serial(1) }, "serial-not-in-stock");
    await refused({ scan: label(serial(3), "FG-99") }, "lot-mismatch");
    await refused({ scan: "]d2010695012345001" }, "udi-unreadable");
    await refused({ productId: lotPump.productId, serialNo: "X1" }, "product-not-serialised");
    await refused({ productId: crypto.randomUUID(), serialNo: "X1" }, "unknown-product");
    // Finished units are stocked only as the material of the product's code: a product id is no stock item.
    await expect(
      as(() => Moves.receive({ materialId: pump.productId, serialNo: "SN-X", ...fg, quantity: 1, reference: "FG" })),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "unknown-material" });
    await refused({ productId: pump.productId, serialNo: "SN-X" }, "serial-not-in-stock");
    await expect(as(() => Shipments.create({ customerId: crypto.randomUUID() }))).rejects.toMatchObject({
      code: "unknown-customer",
    });
    const after = await as(() => Shipments.get({ shipmentId: s.shipmentId }));
    expect(after).toMatchObject({ lineCount: 0, lines: [] });
    expect(await unitOf("SN-HELD")).not.toHaveProperty("pickedFor");
  });

  it("lets a serial be on one open shipment only, and unpicking frees it", async () => {
    const a = await as(() => Shipments.create({ customerId: distributor }));
    const b = await as(() => Shipments.create({ customerId: distributor }));
    await as(() => Shipments.pick({ shipmentId: a.shipmentId, scan: label(serial(3)) }));
    await expect(as(() => Shipments.pick({ shipmentId: a.shipmentId, scan: label(serial(3)) }))).rejects.toMatchObject({
      code: "serial-already-picked",
    });
    await expect(as(() => Shipments.pick({ shipmentId: b.shipmentId, scan: label(serial(3)) }))).rejects.toMatchObject({
      kind: "conflict",
      code: "serial-picked-elsewhere",
    });
    const freed = await as(() =>
      Shipments.unpick({ shipmentId: a.shipmentId, productId: pump.productId, serialNo: serial(3) }),
    );
    expect(freed).toMatchObject({ lineCount: 0, lines: [] });
    const taken = await as(() => Shipments.pick({ shipmentId: b.shipmentId, scan: label(serial(3)) }));
    expect(taken.lines.map((l) => l.serialNo)).toEqual([serial(3)]);
  });

  it("a failure midway leaves no partial shipment: one serial that cannot ship stops them all", async () => {
    const s = await as(() => Shipments.create({ customerId: hospitalCustomer }));
    for (const n of [4, 5, 6]) await as(() => Shipments.pick({ shipmentId: s.shipmentId, scan: label(serial(n)) }));
    // After picking, serial 6 leaves stock another way (issued to service): the dispatch can no longer take it.
    await as(() =>
      Moves.issue({
        materialId: pumpStock,
        lotNo: "FG-01",
        serialNo: serial(6),
        ...fg,
        quantity: 1,
        reference: "RMA-1",
      }),
    );
    const before = await as(() => Stock.ledgerOfLot({ materialId: pumpStock, lotNo: "FG-01" }));
    await expect(as(() => Shipments.dispatch({ shipmentId: s.shipmentId }))).rejects.toMatchObject({
      kind: "unprocessable",
      code: "serial-not-in-stock",
    });
    const after = await as(() => Stock.ledgerOfLot({ materialId: pumpStock, lotNo: "FG-01" }));
    expect(after.items).toHaveLength(before.items.length);
    for (const n of [4, 5])
      expect(await unitOf(serial(n))).toMatchObject({ state: "in-stock", pickedFor: s.shipmentId });
    expect(await as(() => Shipments.get({ shipmentId: s.shipmentId }))).toMatchObject({
      status: "picking",
      lineCount: 3,
    });
    expect((await outbox("Shipping.ShipmentDispatched.v1")).some((e) => e.data.shipmentId === s.shipmentId)).toBe(
      false,
    );

    // A lot put on hold after picking also stops the dispatch whole.
    await as(() => Shipments.unpick({ shipmentId: s.shipmentId, productId: pump.productId, serialNo: serial(6) }));
    await receive("SN-LATE", "FG-04");
    await as(() => Shipments.pick({ shipmentId: s.shipmentId, scan: label("SN-LATE", "FG-04") }));
    await as(() => Holds.hold({ materialId: pumpStock, lotNo: "FG-04", reason: "complaint" }));
    await expect(as(() => Shipments.dispatch({ shipmentId: s.shipmentId }))).rejects.toMatchObject({
      code: "lot-on-hold",
    });
    expect(await unitOf(serial(4))).toMatchObject({ state: "in-stock" });
  });

  it("a retried pick, dispatch or delivery (same Idempotency-Key) answers as the first attempt", async () => {
    const once = <R>(key: string, fn: () => Promise<R>) =>
      withScope({ actor: sales, idempotency: { key, requestHash: `hash-${key}` } }, fn);
    const s = await as(() => Shipments.create({ customerId: distributor }));
    const pick = () => Shipments.pick({ shipmentId: s.shipmentId, scan: label(serial(8)) });
    const first = await once("pick-8", pick);
    expect(await once("pick-8", pick)).toEqual(first);
    const dispatch = () => Shipments.dispatch({ shipmentId: s.shipmentId });
    const shipped = await once("dispatch-8", dispatch);
    expect(await once("dispatch-8", dispatch)).toEqual(shipped);
    await expect(once("dispatch-8b", dispatch)).rejects.toMatchObject({ code: "shipment-not-open" });
    const deliver = () => Shipments.deliver({ shipmentId: s.shipmentId });
    const delivered = await once("deliver-8", deliver);
    expect(await once("deliver-8", deliver)).toEqual(delivered);
    const ledger = await as(() => Stock.ledgerOfLot({ materialId: pumpStock, lotNo: "FG-01" }));
    expect(ledger.items.filter((l) => l.kind === "ship" && l.serialNo === serial(8))).toHaveLength(1);
  });

  it("refuses a dispatch with nothing picked, and concurrent dispatches ship once", async () => {
    const empty = await as(() => Shipments.create({ customerId: distributor }));
    await expect(as(() => Shipments.dispatch({ shipmentId: empty.shipmentId }))).rejects.toMatchObject({
      code: "nothing-to-ship",
    });
    const s = await as(() => Shipments.create({ customerId: distributor }));
    await as(() => Shipments.pick({ shipmentId: s.shipmentId, scan: label(serial(7)) }));
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => as(() => Shipments.dispatch({ shipmentId: s.shipmentId }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const ledger = await as(() => Stock.ledgerOfLot({ materialId: pumpStock, lotNo: "FG-01" }));
    expect(ledger.items.filter((l) => l.kind === "ship" && l.serialNo === serial(7))).toHaveLength(1);
  });
});

describe("the hospital's installed base", () => {
  const hospitalAdmin = (tenantId: string): Actor => ({
    type: "user",
    tenantId,
    tenantKind: "hospital",
    userId: "u-admin",
    email: "admin@h.test",
    roles: ["admin"],
  });
  // H accepted the manufacturer's invitation (the mirror called as the bus calls it); H2 never heard of it.
  beforeAll(async () => {
    const invited = await as(() => TenantLinks.invite({ partnerTenantId: H }));
    await TenantLinkMirror.invited({
      id: "e-invite",
      tenantId: M,
      occurredAt: invited.invitedAt,
      actor: "user:u-sales",
      data: {
        partnerTenantId: H,
        invitedAt: invited.invitedAt,
        inviterName: "Pump Maker Ltd",
        inviterKind: "manufacturer",
      },
    });
    await as(() => TenantLinks.accept({ partnerTenantId: M }), hospitalAdmin(H));
  });

  const device = (n: number) => ({
    productId: pump.productId,
    model: pump.name,
    modelNumber: "IP-1",
    udiDi: pump.udiDi,
    serialNo: serial(n),
    lotNo: "FG-01",
    expiresOn: inYears(5),
    udi: label(serial(n)).slice(3),
    udiHri: `(01)${pump.udiDi}(21)${serial(n)}`,
    warrantyMonths: 24,
    serviceContact: "400-800-1234",
    warehouseId: "WH-INTERNAL-0001",
    locationId: "LOC-INTERNAL-0001",
  });
  const facts = (n: number, extra: Record<string, unknown> = {}) => ({
    shipmentId: "SHIPMENT-INTERNAL-1",
    shipmentNo: "SHP-INTERNAL-1",
    customerId: "CUSTOMER-INTERNAL-1",
    custodianTenantId: H,
    manufacturerName: "Pump Maker Ltd",
    reference: "SO-INTERNAL-1",
    dispatchedAt: "2026-03-01T08:00:00.000Z",
    devices: [{ ...device(n), ...extra }],
  });
  const envelope = { id: "e1", tenantId: M, occurredAt: "2026-03-01T08:00:00.000Z", actor: "user:u-sales" };
  const dispatched = (n: number, extra?: Record<string, unknown>) =>
    ({ ...envelope, data: facts(n, extra) }) as EventDetail<typeof ShipmentDispatched>;
  const delivered = (n: number, extra?: Record<string, unknown>) =>
    ({ ...envelope, data: { ...facts(n, extra), deliveredAt: "2026-03-15T00:00:00.000Z" } }) as EventDetail<
      typeof ShipmentDelivered
    >;
  const rawItem = async (installedId: string) =>
    (
      await clientFromEnv().send(
        new GetCommand({ TableName: tableName(), Key: { pk: `t#${H}#installed#${installedId}`, sk: "device" } }),
      )
    ).Item!;
  const installedEvents = async (serialNo: string) =>
    (await outbox("InstalledBase.DeviceInstalled.v1")).filter((e) => e.data.serialNo === serialNo);

  it("projects into the hospital's tenant only what a hospital may see", async () => {
    // Internal fields a careless producer might add: they must never reach the hospital.
    const internal = { unitCost: 1234.5, supplierId: "SUPPLIER-INTERNAL-9", productionOrderId: "PO-INTERNAL-3" };
    expect(await InstalledBase.applyShipment(dispatched(20, internal))).toEqual({ [serial(20)]: "applied" });
    expect(await InstalledBase.applyShipment(delivered(20, internal))).toEqual({ [serial(20)]: "applied" });
    const id = InstalledBase.installedIdOf(M, pump.udiDi, serial(20));
    const item = await rawItem(id);
    const text = JSON.stringify(item);
    for (const secret of [
      "INTERNAL",
      "unitCost",
      "1234.5",
      "supplierId",
      "warehouseId",
      "locationId",
      "customerId",
      "shipmentId",
      "productId",
      pump.productId,
    ]) {
      expect(text).not.toContain(secret);
    }
    const got = await inHospital(H, () => InstalledBase.get({ installedId: id }));
    expect(Object.keys(got).sort()).toEqual(Object.keys(InstalledBase.InstalledDevice.shape).sort());
    expect(got).toMatchObject({
      status: "installed",
      manufacturerName: "Pump Maker Ltd",
      serviceContact: "400-800-1234",
      serialNo: serial(20),
      lotNo: "FG-01",
      warrantyStart: "2026-03-15",
      warrantyEnd: "2028-03-14",
    });
    await expect(inHospital(H2, () => InstalledBase.get({ installedId: id }))).rejects.toMatchObject({
      code: "device-not-found",
    });
    expect((await inHospital(H2, () => InstalledBase.list({}))).items).toEqual([]);
    // The manufacturer's partition holds no installed base of its own.
    expect(await withActor({ type: "system", tenantId: M, name: "t" }, () => InstalledBase.list({}))).toEqual({
      items: [],
    });
  });

  it("is idempotent on redelivery and safe out of order", async () => {
    expect(await InstalledBase.applyShipment(delivered(21))).toEqual({ [serial(21)]: "applied" });
    expect(await InstalledBase.applyShipment(dispatched(21))).toEqual({ [serial(21)]: "unchanged" });
    expect(await InstalledBase.applyShipment(delivered(21))).toEqual({ [serial(21)]: "unchanged" });
    const got = await inHospital(H, () =>
      InstalledBase.get({ installedId: InstalledBase.installedIdOf(M, pump.udiDi, serial(21)) }),
    );
    expect(got).toMatchObject({ status: "installed", deliveredAt: "2026-03-15T00:00:00.000Z" });
    expect(await installedEvents(serial(21))).toHaveLength(1);

    expect(await InstalledBase.applyShipment(dispatched(22))).toEqual({ [serial(22)]: "applied" });
    expect(await InstalledBase.applyShipment(dispatched(22))).toEqual({ [serial(22)]: "unchanged" });
    const inTransit = await inHospital(H, () => InstalledBase.list({ serial: serial(22) }));
    expect(inTransit.items).toEqual([expect.objectContaining({ status: "in-transit", warrantyStart: null })]);
    expect(await installedEvents(serial(22))).toHaveLength(0);
  });

  it("finds a device by serial prefix or by scanning its label", async () => {
    const bySerial = await inHospital(H, () => InstalledBase.list({ serial: "SN-002" }));
    expect(bySerial.items.map((d) => d.serialNo).sort()).toEqual([serial(20), serial(21), serial(22)]);
    const byScan = await inHospital(H, () => InstalledBase.list({ udi: label(serial(21)) }));
    expect(byScan.items.map((d) => d.serialNo)).toEqual([serial(21)]);
    await expect(inHospital(H, () => InstalledBase.list({ udi: "not a udi" }))).rejects.toMatchObject({
      code: "udi-unreadable",
    });
  });

  it("projects nothing for a customer without a hospital tenant", async () => {
    const toNowhere = { ...dispatched(23), data: { ...facts(23), custodianTenantId: "no-such-hospital" } };
    expect(await InstalledBase.applyShipment(toNowhere)).toEqual({ [serial(23)]: "no-custodian" });
    const toManufacturer = { ...dispatched(23), data: { ...facts(23), custodianTenantId: null } };
    expect(await InstalledBase.applyShipment(toManufacturer)).toEqual({});
  });

  it("projects nothing into a hospital that has not accepted a link, or revoked it", async () => {
    const toUnlinked = { ...dispatched(24), data: { ...facts(24), custodianTenantId: H2 } };
    expect(await InstalledBase.applyShipment(toUnlinked)).toEqual({ [serial(24)]: "not-linked" });
    expect((await inHospital(H2, () => InstalledBase.list({}))).items).toEqual([]);

    await as(() => TenantLinks.revoke({ partnerTenantId: M, reason: "contract ended" }), hospitalAdmin(H));
    expect(await InstalledBase.applyShipment(dispatched(25))).toEqual({ [serial(25)]: "not-linked" });
    expect((await inHospital(H, () => InstalledBase.list({ serial: serial(25) }))).items).toEqual([]);
  });
});
