import { commit, earlierAnswer, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, DomainError, notFound, unprocessable } from "../errors/index.ts";
import type { EventData } from "../events/define.ts";
import type { Guarded } from "../inventory/engine.ts";
import { NO_EXPIRY, NO_SERIAL } from "../inventory/entities.ts";
import { assertUsable } from "../inventory/guards.ts";
import { MAX_SERIALS_PER_MOVE, shipSerials } from "../inventory/moves.ts";
import { NO_LOT } from "../inventory/references.ts";
import { balancesOfMaterial, findLot } from "../inventory/stock.ts";
import { Customers, Materials, Products } from "../masterdata/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { getTenant } from "../tenant/tenants.ts";
import { type LinkStatus, statuses as linkStatuses, notReceivedNotice } from "../tenant-link/links.ts";
import { compose, formatUdi, isUdiError, parseUdi } from "../udi/index.ts";
import { fn } from "../util/fn.ts";
import { ShipmentDelivered, ShipmentDispatched, type ShippedDevice } from "./events.ts";
import {
  CreateInput,
  DeliverRequest,
  type Line,
  LineKey,
  ListQuery,
  PickRequest,
  SerialKey,
  type Shipment,
  ShipmentKey,
  type ShipmentWithLines,
  type Whereabouts,
} from "./schema.ts";

export * from "./schema.ts";

type ShipmentItem = Omit<
  Shipment,
  "custodianTenantId" | "custodianLink" | "installedBaseNotice" | "reference" | "note" | `${string}At` | `${string}By`
> & {
  custodianTenantId?: string;
  reference?: string;
  note?: string;
  createdAt: string;
  createdBy: string;
  dispatchedAt?: string;
  dispatchedBy?: string;
  deliveredAt?: string;
  deliveredBy?: string;
};
type LineItem = Omit<Line, "lotNo" | "expiresOn"> & { shipmentId: string; lotNo: string; expiresOn?: string };

/** This organisation's links by partner (tenant-link/links.ts `statuses`): what a shipment says about its custodian. */
type Links = ReadonlyMap<string, LinkStatus>;

const toShipment = (s: ShipmentItem, links: Links): Shipment => {
  const link = s.custodianTenantId ? (links.get(s.custodianTenantId) ?? "none") : null;
  return {
    shipmentId: s.shipmentId,
    shipmentNo: s.shipmentNo,
    customerId: s.customerId,
    customerName: s.customerName,
    custodianTenantId: s.custodianTenantId ?? null,
    custodianLink: link,
    installedBaseNotice: link && notReceivedNotice(s.customerName, link),
    reference: s.reference ?? null,
    note: s.note ?? null,
    status: s.status,
    lineCount: s.lineCount,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    dispatchedAt: s.dispatchedAt ?? null,
    dispatchedBy: s.dispatchedBy ?? null,
    deliveredAt: s.deliveredAt ?? null,
    deliveredBy: s.deliveredBy ?? null,
  };
};

const toLine = (l: LineItem): Line => ({
  productId: l.productId,
  productCode: l.productCode,
  model: l.model,
  serialNo: l.serialNo,
  lotNo: l.lotNo === NO_LOT ? null : l.lotNo,
  expiresOn: l.expiresOn ?? null,
  warehouseId: l.warehouseId,
  locationId: l.locationId,
  udi: l.udi,
  pickedAt: l.pickedAt,
  pickedBy: l.pickedBy,
});

/** A shipment to a customer of master data; a hospital customer's `tenantRef` names its MedLoop tenant. */
export const create = fn(CreateInput, async (input): Promise<Shipment> => {
  const customer = await Customers.get({ customerId: input.customerId }).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not-found") {
      throw unprocessable("unknown-customer", `No customer ${input.customerId} in this organisation`);
    }
    throw e;
  });
  if (customer.status !== "active") {
    throw unprocessable("customer-inactive", `Customer ${customer.code} is inactive: nothing ships to it`);
  }
  const now = nowIso();
  const shipmentId = uuid();
  const item: ShipmentItem = {
    shipmentId,
    shipmentNo: `SHP-${now.slice(0, 10).replaceAll("-", "")}-${shipmentId.slice(0, 6).toUpperCase()}`,
    customerId: customer.customerId,
    customerName: customer.name,
    custodianTenantId: customer.tenantRef,
    reference: input.reference,
    note: input.note,
    status: "picking",
    lineCount: 0,
    createdAt: now,
    createdBy: actorId(),
  };
  const tenantId = useTenantId();
  const links = await linkStatuses();
  return commit({
    writes: (e) => [e.shipment.create({ tenantId, ...item }).commit()],
    result: toShipment(item, links),
  });
});

async function load(shipmentId: string): Promise<ShipmentItem> {
  const { data } = await Db.entities.shipment.get({ tenantId: useTenantId(), shipmentId }).go({ consistent: true });
  if (!data) throw notFound("shipment-not-found", "No such shipment in this organisation");
  return data as ShipmentItem;
}

async function linesOf(shipmentId: string): Promise<LineItem[]> {
  const { data } = await Db.entities.shipmentLine.query
    .byShipment({ tenantId: useTenantId(), shipmentId })
    .go({ pages: "all", consistent: true });
  return data as LineItem[];
}

async function withLines(shipmentId: string): Promise<ShipmentWithLines> {
  const [s, lines, links] = await Promise.all([load(shipmentId), linesOf(shipmentId), linkStatuses()]);
  return { ...toShipment(s, links), lines: lines.map(toLine) };
}

export const get = fn(ShipmentKey, ({ shipmentId }) => withLines(shipmentId));

/** The tenant's shipments, newest first. */
export const list = fn(ListQuery, async (q) => {
  const [{ data }, links] = await Promise.all([
    Db.entities.shipment.query.byTenant({ tenantId: useTenantId() }).go({ order: "desc", pages: "all" }),
    linkStatuses(),
  ]);
  const items = (data as ShipmentItem[])
    .map((s) => toShipment(s, links))
    .filter((s) => !q.status || s.status === q.status);
  return { items };
});

const open = (s: ShipmentItem) => {
  if (s.status !== "picking") {
    throw conflict("shipment-not-open", `Shipment ${s.shipmentNo} is ${s.status}: its serials can no longer change`);
  }
};

/** What a pick names: a product and serial, and the lot when the label carries one. */
async function identify(input: { scan?: string; productId?: string; serialNo?: string }) {
  if (input.scan) {
    const udi = parseUdi(input.scan);
    if (isUdiError(udi)) throw unprocessable("udi-unreadable", `The scanned code is not a valid UDI: ${udi.message}`);
    if (!udi.di || !udi.serial) {
      throw unprocessable("udi-incomplete", "The scanned UDI carries no device identifier and serial number");
    }
    const product = await Products.byUdiDi({ udiDi: udi.di });
    if (!product) throw unprocessable("unknown-product", `No product of this organisation has the UDI-DI ${udi.di}`);
    return { product, serialNo: udi.serial, lotNo: udi.lot };
  }
  const product = await Products.get({ productId: input.productId! }).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not-found") {
      throw unprocessable("unknown-product", `No product ${input.productId} in this organisation`);
    }
    throw e;
  });
  return { product, serialNo: input.serialNo!, lotNo: undefined };
}

/**
 * The stock item a product's finished units are kept under: the material of the product's code,
 * which production's finished-goods receipt stocks.
 */
async function stockItemOf(product: { code: string }): Promise<string | undefined> {
  return (await Materials.byCode({ code: product.code }))?.materialId;
}

/** The UDI a device's label carries: DI (GTIN), then the production identifiers. */
function udiOf(udiDi: string, serialNo: string, lotNo: string, expiresOn: string | undefined) {
  const udi = compose({
    gtin: udiDi,
    ...(lotNo !== NO_LOT && { lot: lotNo }),
    ...(expiresOn && { expiry: expiresOn }),
    serial: serialNo,
  });
  if (isUdiError(udi)) throw unprocessable("udi-not-composable", `No UDI can be built for ${serialNo}: ${udi.message}`);
  const element = formatUdi(udi, "gs1-element-string");
  const hri = formatUdi(udi, "gs1-bracketed");
  if (isUdiError(element) || isUdiError(hri)) throw new Error(`UDI of ${serialNo} does not format`);
  return { element, hri };
}

/**
 * Pick one serial onto an open shipment. Refused with a 422 when the serial is not in stock, its
 * lot is on hold or expired, or the label's lot disagrees with stock; with a 409 when another open
 * shipment already has it. The serial is marked as picked in the same transaction as the line.
 */
export const pick = fn(PickRequest, async (input): Promise<ShipmentWithLines> => {
  // A retried pick finds its serial already on the shipment: it answers as the first attempt did.
  if ((await earlierAnswer()) !== undefined) return withLines(input.shipmentId);
  const shipment = await load(input.shipmentId);
  open(shipment);
  const { product, serialNo, lotNo: scannedLot } = await identify(input);
  if (product.tracking !== "serial") {
    throw unprocessable("product-not-serialised", `${product.code} is tracked by lot: ship it by serial only`);
  }
  const tenantId = useTenantId();
  const productId = product.productId;
  const materialId = await stockItemOf(product);
  const { data: unit } = materialId
    ? await Db.entities.serialUnit.get({ tenantId, materialId, serialNo }).go({ consistent: true })
    : { data: null };
  if (unit?.state !== "in-stock") {
    throw unprocessable(
      "serial-not-in-stock",
      `${product.code} serial ${serialNo} is not in stock${unit ? ` (${unit.state})` : ""}`,
      { serialNo, state: unit?.state ?? null },
    );
  }
  if (unit.pickedFor === shipment.shipmentId) {
    throw conflict("serial-already-picked", `Serial ${serialNo} is already on this shipment`);
  }
  if (unit.pickedFor) {
    throw conflict("serial-picked-elsewhere", `Serial ${serialNo} is picked for another open shipment`);
  }
  if (scannedLot && scannedLot !== unit.lotNo) {
    throw unprocessable(
      "lot-mismatch",
      `The label says lot ${scannedLot}; stock has serial ${serialNo} in lot ${unit.lotNo}`,
    );
  }
  const lot = await findLot(materialId!, unit.lotNo);
  if (!lot) throw unprocessable("serial-not-in-stock", `Serial ${serialNo} has no lot in stock`, { serialNo });
  assertUsable(lot, "shipped");
  if (shipment.lineCount >= MAX_SERIALS_PER_MOVE) {
    throw unprocessable("shipment-full", `A shipment carries at most ${MAX_SERIALS_PER_MOVE} serials: start another`);
  }
  const balance = (await balancesOfMaterial(materialId!, unit.lotNo)).find(
    (b) => b.serialNo === serialNo && b.locationId === unit.locationId && (b.onHand ?? 0) > 0,
  );
  if (!balance) throw unprocessable("serial-not-in-stock", `Serial ${serialNo} has no stock balance`, { serialNo });
  const expiresOn = lot.expiresOn === NO_EXPIRY ? undefined : lot.expiresOn;
  const line: LineItem = {
    shipmentId: shipment.shipmentId,
    productId,
    productCode: product.code,
    model: product.name,
    serialNo,
    lotNo: unit.lotNo,
    expiresOn,
    warehouseId: balance.warehouseId,
    locationId: balance.locationId,
    udi: udiOf(product.udiDi, serialNo, unit.lotNo, expiresOn).hri,
    pickedAt: nowIso(),
    pickedBy: actorId(),
  };
  const guarded: Guarded[] = [
    {
      write: (e) => e.shipmentLine.create({ tenantId, ...line }).commit(),
      failed: () => conflict("serial-already-picked", `Serial ${serialNo} is already on this shipment`),
    },
    {
      write: (e) =>
        e.serialUnit
          .patch({ tenantId, materialId: materialId!, serialNo })
          .set({ pickedFor: shipment.shipmentId })
          .where(
            (a, op) =>
              `${op.eq(a.state, "in-stock")} AND ${op.eq(a.locationId, unit.locationId)} AND ${op.notExists(a.pickedFor)}`,
          )
          .commit(),
      failed: () => conflict("serial-picked-elsewhere", `Serial ${serialNo} was picked or moved at the same time`),
    },
    openGuard(tenantId, shipment, { add: 1 }),
  ];
  await commit({
    writes: (e) => guarded.map((g) => g.write(e)),
    result: null,
    conditionFailed: (i) => guarded[i]!.failed(),
  });
  return withLines(shipment.shipmentId);
});

/** The shipment is still open with the lines this request saw; its line count moves by `add`. */
function openGuard(tenantId: string, s: ShipmentItem, change: { add: number }): Guarded {
  return {
    write: (e) =>
      e.shipment
        .patch({ tenantId, shipmentId: s.shipmentId })
        .add({ lineCount: change.add })
        .where((a, op) => `${op.eq(a.status, "picking")} AND ${op.eq(a.lineCount, s.lineCount)}`)
        .commit(),
    failed: () => conflict("concurrent-change", `Shipment ${s.shipmentNo} changed at the same time; try again`),
  };
}

/** Take a picked serial off an open shipment (scanned by mistake): it is free for other shipments again. */
export const unpick = fn(LineKey, async ({ shipmentId, productId, serialNo }): Promise<ShipmentWithLines> => {
  const shipment = await load(shipmentId);
  open(shipment);
  const tenantId = useTenantId();
  const materialId = await Products.get({ productId }).then(stockItemOf, () => undefined);
  if (!materialId) throw notFound("line-not-found", `Serial ${serialNo} is not on this shipment`);
  const guarded: Guarded[] = [
    {
      write: (e) =>
        e.shipmentLine
          .delete({ tenantId, shipmentId, productId, serialNo })
          .where((a, op) => op.exists(a.pickedAt))
          .commit(),
      failed: () => notFound("line-not-found", `Serial ${serialNo} is not on this shipment`),
    },
    {
      write: (e) =>
        e.serialUnit
          .patch({ tenantId, materialId, serialNo })
          .remove(["pickedFor"])
          .where((a, op) => op.eq(a.pickedFor, shipmentId))
          .commit(),
      failed: () => notFound("line-not-found", `Serial ${serialNo} is not picked for this shipment`),
    },
    openGuard(tenantId, shipment, { add: -1 }),
  ];
  await commit({
    writes: (e) => guarded.map((g) => g.write(e)),
    result: null,
    conditionFailed: (i) => guarded[i]!.failed(),
  });
  return withLines(shipmentId);
});

/** The stock item of each product on the lines (they were picked from it, so it exists). */
async function stockItemsOf(lines: LineItem[]): Promise<Map<string, string>> {
  return new Map(
    await Promise.all(
      [...new Set(lines.map((l) => l.productId))].map(
        async (id) => [id, (await Products.get({ productId: id }).then(stockItemOf))!] as const,
      ),
    ),
  );
}

/** The devices of a shipment as its events carry them (product master as it is now). */
async function devicesOf(lines: LineItem[]): Promise<ShippedDevice[]> {
  const products = new Map(
    await Promise.all(
      [...new Set(lines.map((l) => l.productId))].map(
        async (id) => [id, await Products.get({ productId: id })] as const,
      ),
    ),
  );
  return lines.map((l) => {
    const p = products.get(l.productId)!;
    const udi = udiOf(p.udiDi, l.serialNo, l.lotNo, l.expiresOn);
    return {
      productId: l.productId,
      model: p.name,
      modelNumber: p.modelNumber,
      udiDi: p.udiDi,
      serialNo: l.serialNo,
      lotNo: l.lotNo === NO_LOT ? null : l.lotNo,
      expiresOn: l.expiresOn ?? null,
      udi: udi.element,
      udiHri: udi.hri,
      warrantyMonths: p.warrantyMonths ?? null,
      serviceContact: p.serviceContact ?? null,
      warehouseId: l.warehouseId,
      locationId: l.locationId,
    };
  });
}

/**
 * Dispatch: every picked serial leaves stock in ONE inventory move and ONE transaction with the
 * shipment's new status and its event — a serial that cannot ship (moved, held, expired, short)
 * fails the whole dispatch and nothing is shipped.
 */
export const dispatch = fn(ShipmentKey, async ({ shipmentId }): Promise<ShipmentWithLines> => {
  // A retried dispatch finds the shipment dispatched: it answers as the first attempt did.
  const earlier = await earlierAnswer<ShipmentWithLines>();
  if (earlier) return earlier;
  const [shipment, lines] = await Promise.all([load(shipmentId), linesOf(shipmentId)]);
  open(shipment);
  if (!lines.length) throw unprocessable("nothing-to-ship", `Shipment ${shipment.shipmentNo} has no serials picked`);
  const tenantId = useTenantId();
  const now = nowIso();
  const by = actorId();
  const [devices, manufacturer, stockItems, links] = await Promise.all([
    devicesOf(lines),
    getTenant(),
    stockItemsOf(lines),
    linkStatuses(),
  ]);
  const dispatched: ShipmentItem = { ...shipment, status: "dispatched", dispatchedAt: now, dispatchedBy: by };
  return shipSerials({
    serials: lines.map((l) => ({
      materialId: stockItems.get(l.productId)!,
      serialNo: l.serialNo,
      lotNo: l.lotNo,
      warehouseId: l.warehouseId,
      locationId: l.locationId,
    })),
    reference: shipment.shipmentNo,
    custody: {
      shipmentId,
      customerId: shipment.customerId,
      ...(shipment.custodianTenantId && { custodianTenantId: shipment.custodianTenantId }),
    },
    with: [
      {
        write: (e) =>
          e.shipment
            .patch({ tenantId, shipmentId })
            .set({ status: "dispatched", dispatchedAt: now, dispatchedBy: by })
            .where((a, op) => `${op.eq(a.status, "picking")} AND ${op.eq(a.lineCount, lines.length)}`)
            .commit(),
        failed: () => conflict("shipment-not-open", `Shipment ${shipment.shipmentNo} changed at the same time`),
      },
    ],
    events: () => [
      emit(ShipmentDispatched, {
        ...facts(dispatched, manufacturer.name),
        devices,
      }),
    ],
    answer: () => ({ ...toShipment(dispatched, links), lines: lines.map(toLine) }),
  });
});

const facts = (s: ShipmentItem, manufacturerName: string) => ({
  shipmentId: s.shipmentId,
  shipmentNo: s.shipmentNo,
  customerId: s.customerId,
  custodianTenantId: s.custodianTenantId ?? null,
  manufacturerName,
  reference: s.reference ?? null,
  dispatchedAt: s.dispatchedAt!,
});

/**
 * What this organisation has sent to a hospital's tenant so far (dispatched or delivered), as the
 * shipping events said it: what reaches the hospital's installed base once it accepts a link,
 * since nothing reached it before (SEC-3). A tenant's shipments are one small partition.
 */
export async function shippedTo(
  custodianTenantId: string,
): Promise<(EventData<typeof ShipmentDispatched> | EventData<typeof ShipmentDelivered>)[]> {
  const { data } = await Db.entities.shipment.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  const sent = (data as ShipmentItem[]).filter(
    (s) => s.custodianTenantId === custodianTenantId && (s.status === "dispatched" || s.status === "delivered"),
  );
  if (!sent.length) return [];
  const manufacturer = await getTenant();
  return Promise.all(
    sent.map(async (s) => {
      const devices = await devicesOf(await linesOf(s.shipmentId));
      return { ...facts(s, manufacturer.name), ...(s.deliveredAt && { deliveredAt: s.deliveredAt }), devices };
    }),
  );
}

/** Proof of delivery: the customer has the devices; their warranty starts on this day. */
export const deliver = fn(DeliverRequest, async ({ shipmentId, deliveredOn }): Promise<ShipmentWithLines> => {
  const earlier = await earlierAnswer<ShipmentWithLines>();
  if (earlier) return earlier;
  const [shipment, lines] = await Promise.all([load(shipmentId), linesOf(shipmentId)]);
  if (shipment.status !== "dispatched") {
    throw conflict("shipment-not-dispatched", `Shipment ${shipment.shipmentNo} is ${shipment.status}, not dispatched`);
  }
  const now = nowIso();
  const deliveredAt = deliveredOn ? `${deliveredOn}T00:00:00.000Z` : now;
  if (deliveredAt.slice(0, 10) < shipment.dispatchedAt!.slice(0, 10) || deliveredAt.slice(0, 10) > now.slice(0, 10)) {
    throw unprocessable("delivery-date-invalid", "The delivery day lies between dispatch and today");
  }
  const tenantId = useTenantId();
  const by = actorId();
  const [devices, manufacturer, links] = await Promise.all([devicesOf(lines), getTenant(), linkStatuses()]);
  const delivered: ShipmentItem = { ...shipment, status: "delivered", deliveredAt, deliveredBy: by };
  return commit({
    writes: (e) => [
      e.shipment
        .patch({ tenantId, shipmentId })
        .set({ status: "delivered", deliveredAt, deliveredBy: by })
        .where((a, op) => op.eq(a.status, "dispatched"))
        .commit(),
    ],
    events: [emit(ShipmentDelivered, { ...facts(delivered, manufacturer.name), deliveredAt, devices })],
    result: { ...toShipment(delivered, links), lines: lines.map(toLine) },
    conditionFailed: () => conflict("shipment-not-dispatched", `Shipment ${shipment.shipmentNo} changed meanwhile`),
  });
});

/** Where a serial is now: the inventory serial's place, or the shipment and customer it went to. */
export const whereabouts = fn(SerialKey, async ({ productId, serialNo }): Promise<Whereabouts> => {
  const tenantId = useTenantId();
  const materialId = await Products.get({ productId }).then(stockItemOf, () => undefined);
  const { data: unit } = materialId
    ? await Db.entities.serialUnit.get({ tenantId, materialId, serialNo }).go()
    : { data: null };
  if (!unit || serialNo === NO_SERIAL) throw notFound("serial-not-found", `No serial ${serialNo} of this product`);
  const shipment = unit.shipmentId ? await load(unit.shipmentId) : null;
  return {
    productId,
    serialNo,
    lotNo: unit.lotNo === NO_LOT ? null : unit.lotNo,
    state: unit.state,
    locationId: unit.state === "in-stock" ? unit.locationId : null,
    pickedFor: unit.pickedFor ?? null,
    shipment: shipment && {
      shipmentId: shipment.shipmentId,
      shipmentNo: shipment.shipmentNo,
      customerId: shipment.customerId,
      customerName: shipment.customerName,
      custodianTenantId: shipment.custodianTenantId ?? null,
      status: shipment.status,
      dispatchedAt: shipment.dispatchedAt ?? null,
      deliveredAt: shipment.deliveredAt ?? null,
    },
  };
});
