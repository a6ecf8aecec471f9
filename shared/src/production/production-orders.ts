import { z } from "zod";
import { readCollection } from "../db/collection.ts";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, DomainError, notFound, unprocessable } from "../errors/index.ts";
import * as Boms from "../masterdata/boms.ts";
import * as Materials from "../masterdata/materials.ts";
import * as ProcessRoutes from "../masterdata/process-routes.ts";
import * as Products from "../masterdata/products.ts";
import * as WorkCentres from "../masterdata/work-centres.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { OrderReleased } from "./events.ts";
import { CreateOrderInput, OrderId, OrderListQuery, type OrderRecord } from "./schema.ts";
import { type OrderItem, toOrder, toRecord } from "./views.ts";

/** A 404 of master data named in a request body is the request's problem: 422 with the same code. */
const asUnprocessable = (e: unknown) => {
  if (e instanceof DomainError && e.kind === "not-found") throw unprocessable(e.code, e.message);
  throw e;
};

/**
 * Reads in parallel, but when several fail the caller hears of the first in the list (a missing
 * BOM before a missing route), whichever answered first: the same request gets the same error.
 */
async function inOrder<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * MES-1: release a production order for a product. The BOM and route revisions in force on the
 * planned start are copied onto the order (with material and work-centre codes), so later
 * revisions never change what this order was built to.
 */
export const create = fn(CreateOrderInput, async (input) => {
  const product = await Products.get({ productId: input.productId }).catch(asUnprocessable);
  const [bom, route, fg] = await inOrder([
    Boms.effectiveAt({ productId: product.productId, date: input.plannedStart }).catch(asUnprocessable),
    ProcessRoutes.effectiveAt({ productId: product.productId, date: input.plannedStart }).catch(asUnprocessable),
    Materials.byCode({ code: product.code }),
  ]);
  if (fg?.status !== "active") {
    throw unprocessable(
      "fg-material-missing",
      `Product ${product.code} has no active material of the same code to stock its finished units as`,
    );
  }
  if (fg.tracking !== product.tracking) {
    throw unprocessable(
      "fg-tracking-mismatch",
      `Material ${fg.code} is tracked by ${fg.tracking}, the product by ${product.tracking}`,
    );
  }
  const [materials, centres, sameLot] = await Promise.all([
    Promise.all(bom.lines.map((l) => Materials.get({ materialId: l.materialId }))),
    Promise.all(route.operations.map((o) => WorkCentres.get({ workCentreId: o.workCentreId }))),
    producerOfLot(fg.materialId, input.fgLotNo),
  ]);
  const lotTaken = () =>
    conflict("fg-lot-taken", `Lot ${input.fgLotNo} of ${product.code} is already made by another order`);
  if (sameLot) throw lotTaken();
  const tenantId = useTenantId();
  const orderId = uuid();
  const now = nowIso();
  const item = {
    tenantId,
    orderId,
    orderNo: `MO-${input.plannedStart.slice(2).replaceAll("-", "")}-${orderId.slice(0, 4).toUpperCase()}`,
    productId: product.productId,
    productCode: product.code,
    productName: product.name,
    udiDi: product.udiDi,
    fgMaterialId: fg.materialId,
    fgLotNo: input.fgLotNo,
    fgExpiresOn: input.fgExpiresOn,
    quantity: input.quantity,
    status: "released" as const,
    plannedStart: input.plannedStart,
    bom: JSON.stringify({
      revision: bom.revision,
      effectiveFrom: bom.effectiveFrom,
      lines: bom.lines.map((l, i) => ({
        position: l.position,
        materialId: l.materialId,
        materialCode: materials[i]!.code,
        materialName: materials[i]!.name,
        tracking: materials[i]!.tracking,
        quantity: l.quantity,
        unit: l.unit,
      })),
    }),
    route: JSON.stringify({
      revision: route.revision,
      effectiveFrom: route.effectiveFrom,
      operations: route.operations.map((o, i) => ({
        sequence: o.sequence,
        code: o.code,
        name: o.name,
        workCentreId: o.workCentreId,
        workCentreCode: centres[i]!.code,
        inspection: o.inspection,
      })),
    }),
    releasedAt: now,
    releasedBy: actorId(),
    good: 0,
    scrapped: 0,
    received: 0,
  };
  const order = toOrder(item);
  return commit({
    writes: (e) => [
      e.productionOrder.create(item).commit(),
      // The finished lot's one producer, claimed in the order's transaction: the index read above
      // answers the common case with its message, this makes it hold for two releases at once.
      e.masterCode
        .create({ tenantId, kind: `fg-lot:${fg.materialId}`, code: input.fgLotNo, recordId: orderId })
        .commit(),
    ],
    conditionFailed: (i) => (i === 1 ? lotTaken() : conflict("concurrent-change", "Try again")),
    events: [
      emit(OrderReleased, {
        orderId,
        orderNo: item.orderNo,
        productId: product.productId,
        fgLotNo: input.fgLotNo,
        quantity: input.quantity,
        bomRevision: bom.revision,
        routeRevision: route.revision,
      }),
    ],
    result: order,
  });
});

/** The order that makes (made) a finished lot, if one of ours does. */
export async function producerOfLot(materialId: string, lotNo: string): Promise<string | undefined> {
  const { data } = await Db.entities.productionOrder.query
    .byFgLot({ tenantId: useTenantId(), fgMaterialId: materialId, fgLotNo: lotNo })
    .go({ limit: 1 });
  return data[0]?.orderId;
}

export async function loadOrder(orderId: string): Promise<OrderItem> {
  const { data } = await Db.entities.productionOrder.get({ tenantId: useTenantId(), orderId }).go({ consistent: true });
  if (!data) throw notFound("production-order-not-found", "No such production order");
  return data as OrderItem;
}

/** Work is reported on an order from release until quality signs it off. */
export function assertOpen(order: OrderItem) {
  if (order.status !== "released" && order.status !== "in-progress") {
    throw conflict("order-closed", `Order ${order.orderNo} is ${order.status}: no more work is recorded on it`);
  }
}

/** The order is still open when the write commits (a release signed meanwhile wins). */
export const openGuard = (orderId: string) => ({
  write: (e: Parameters<Parameters<typeof Db.transaction.write>[0]>[0]) =>
    e.productionOrder
      .check({ tenantId: useTenantId(), orderId })
      .where((a, op) => `${op.eq(a.status, "released")} OR ${op.eq(a.status, "in-progress")}`)
      .commit(),
  failed: () => conflict("order-closed", "The order was closed at the same time"),
});

/** One order's evidence file: one Query of its partition. */
export async function readRecord(orderId: string): Promise<OrderRecord | undefined> {
  const data = await readCollection(
    [
      "productionOrder",
      "productionIssue",
      "productionOperation",
      "productionInspection",
      "productionNc",
      "batchRelease",
    ],
    { entity: "productionOrder", index: "byOrder", key: { tenantId: useTenantId(), orderId } },
  );
  return toRecord(data as Parameters<typeof toRecord>[0]);
}

export const get = fn(z.object({ orderId: OrderId }), async ({ orderId }) => {
  const record = await readRecord(orderId);
  if (!record) throw notFound("production-order-not-found", "No such production order");
  return record;
});

export const list = fn(OrderListQuery, async ({ status }) => {
  const { data } = await Db.entities.productionOrder.query.list({ tenantId: useTenantId() }).go({ pages: "all" });
  return (data as OrderItem[])
    .filter((o) => !status || o.status === status)
    .map(toOrder)
    .reverse();
});
