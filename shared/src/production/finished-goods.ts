import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict } from "../errors/index.ts";
import { receiveWith } from "../inventory/moves.ts";
import { useScope, useTenantId, withScope } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { FinishedGoodsReceived } from "./events.ts";
import { loadOrder } from "./production-orders.ts";
import { ReceiveFgInput } from "./schema.ts";
import type { OrderItem, UnitItem } from "./views.ts";

const PARALLEL = 16;

/**
 * MES-4: receive a released batch's good units into finished-goods stock. Each unit is one
 * inventory receipt committed with its unit turning `received` (a DynamoDB transaction holds at
 * most 100 writes, a batch can hold thousands of units), so a receipt interrupted midway is
 * resumed by asking again: only units still in process are received. The issued materials were
 * consumed into the order at issue; the units now name them through the order (the genealogy).
 */
export const receiveFinished = fn(ReceiveFgInput, async (input) => {
  const order = await loadOrder(input.orderId);
  if (order.status !== "released-for-sale" && order.status !== "received") {
    throw conflict(
      "batch-not-released",
      `Order ${order.orderNo} is ${order.status}: quality has not released the batch`,
    );
  }
  const tenantId = useTenantId();
  const { data } = await Db.entities.productionUnit.query
    .byOrder({ tenantId, orderId: order.orderId })
    .go({ pages: "all", consistent: false });
  const pending = (data as UnitItem[]).filter((u) => u.state === "in-process");
  // The moves answer for themselves: the request's idempotency key answers for the receipt as a whole.
  await withScope({ ...useScope(), idempotency: undefined }, async () => {
    const [first, ...rest] = pending;
    // The first receipt creates the FG lot; the others then only add to it.
    if (first) await receiveUnit(order, first, input);
    for (let i = 0; i < rest.length; i += PARALLEL) {
      await Promise.all(rest.slice(i, i + PARALLEL).map((u) => receiveUnit(order, u, input)));
    }
  });
  const serials = (data as UnitItem[])
    .filter((u) => u.state !== "scrapped")
    .map((u) => u.serialNo)
    .sort();
  const result = { orderId: order.orderId, fgLotNo: order.fgLotNo, received: pending.length, serials };
  return commit({
    writes: (e) => [
      e.productionOrder
        .patch({ tenantId, orderId: order.orderId })
        .set({ status: "received" })
        .add({ received: pending.length })
        .commit(),
    ],
    events: [
      emit(FinishedGoodsReceived, {
        orderId: order.orderId,
        orderNo: order.orderNo,
        productId: order.productId,
        fgLotNo: order.fgLotNo,
        serials: pending.length,
      }),
    ],
    result,
  });
});

function receiveUnit(order: OrderItem, unit: UnitItem, at: { warehouseId: string; locationId: string }) {
  const tenantId = useTenantId();
  return receiveWith(
    {
      materialId: order.fgMaterialId,
      lotNo: order.fgLotNo,
      serialNo: unit.serialNo,
      quantity: 1,
      warehouseId: at.warehouseId,
      locationId: at.locationId,
      ...(order.fgExpiresOn ? { expiresOn: order.fgExpiresOn } : {}),
      quarantine: false,
      reference: order.orderNo,
    },
    {
      with: [
        {
          write: (e) =>
            e.productionUnit
              .patch({ tenantId, productId: unit.productId, serialNo: unit.serialNo })
              .set({ state: "received" })
              .where((a, op) => op.eq(a.state, "in-process"))
              .commit(),
          failed: () => conflict("concurrent-change", `Unit ${unit.serialNo} was received at the same time`),
        },
      ],
      answer: () => unit.serialNo,
    },
  );
}
