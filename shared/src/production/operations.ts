import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useActor, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { assertOpen, loadOrder } from "./production-orders.ts";
import { type OperationReport, ReportOperationInput } from "./schema.ts";
import { toOperation, toOrder, type UnitItem } from "./views.ts";

/** The person at the terminal is the operator (their login, as the audit trail records it). */
export function actorName(): string {
  const actor = useActor();
  return actor.type === "user" ? actor.email : actor.name;
}

/** The units of an order by serial, read by key in one batch. */
export async function unitsBySerial(productId: string, serials: string[]): Promise<Map<string, UnitItem>> {
  if (!serials.length) return new Map();
  const tenantId = useTenantId();
  const { data } = await Db.entities.productionUnit
    .get(serials.map((serialNo) => ({ tenantId, productId, serialNo })))
    .go({ consistent: true });
  return new Map((data as UnitItem[]).map((u) => [u.serialNo, u]));
}

/**
 * MES-2: report an operation — good and scrap quantities, when, who, on which equipment — and
 * bind the units' serials (with their serialised components) to the order. A serial is bound to
 * one order only; the report, the new units and the order's counters commit together.
 */
export const report = fn(ReportOperationInput, async (input): Promise<OperationReport> => {
  const item = await loadOrder(input.orderId);
  assertOpen(item);
  const order = toOrder(item);
  const operations = order.route.operations;
  const op = operations.find((o) => o.sequence === input.sequence);
  if (!op) {
    throw unprocessable(
      "unknown-operation",
      `Operation ${input.sequence} is not on route revision ${order.route.revision} (${operations.map((o) => o.sequence).join(", ")})`,
    );
  }
  if (input.units.length && input.units.length !== input.good) {
    throw unprocessable("serial-count", `${input.good} good units reported, ${input.units.length} serials given`);
  }
  const bomMaterials = new Map(order.bom.lines.map((l) => [l.materialId, l]));
  for (const unit of input.units) {
    for (const c of unit.components ?? []) {
      if (bomMaterials.get(c.materialId)?.tracking !== "serial") {
        throw unprocessable(
          "component-not-in-bom",
          `A component of ${unit.serialNo} is not a serialised material of the BOM`,
        );
      }
    }
  }
  const existing = await unitsBySerial(
    order.productId,
    input.units.map((u) => u.serialNo),
  );
  for (const [serialNo, u] of existing) {
    if (u.orderId !== order.orderId) throw conflict("serial-taken", `Serial ${serialNo} belongs to another order`);
    if (u.state === "scrapped") throw unprocessable("unit-scrapped", `Unit ${serialNo} was scrapped`);
  }
  const tenantId = useTenantId();
  const now = nowIso();
  const units = input.units.map((u) => ({ serialNo: u.serialNo, components: u.components ?? [] }));
  const fresh = units.filter((u) => !existing.has(u.serialNo));
  const isLast = op.sequence === operations[operations.length - 1]!.sequence;
  const stored = {
    tenantId,
    orderId: order.orderId,
    reportId: uuid(),
    sequence: op.sequence,
    operationCode: op.code,
    operationName: op.name,
    workCentreId: op.workCentreId,
    workCentreCode: op.workCentreCode,
    equipment: input.equipment,
    good: input.good,
    scrap: input.scrap,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    operatorId: actorId(),
    operatorName: actorName(),
    units: JSON.stringify(units),
    note: input.note,
  };
  return commit({
    writes: (e) => [
      e.productionOrder
        .patch({ tenantId, orderId: order.orderId })
        .set({ status: "in-progress" })
        .add({ good: isLast ? input.good : 0, scrapped: input.scrap })
        .where((a, o) => `${o.eq(a.status, "released")} OR ${o.eq(a.status, "in-progress")}`)
        .commit(),
      e.productionOperation.create(stored).commit(),
      ...fresh.map((u) =>
        e.productionUnit
          .create({
            tenantId,
            productId: order.productId,
            udiDi: order.udiDi,
            serialNo: u.serialNo,
            orderId: order.orderId,
            fgMaterialId: order.fgMaterialId,
            fgLotNo: order.fgLotNo,
            components: u.components.length ? JSON.stringify(u.components) : undefined,
            state: "in-process",
            boundAt: now,
            boundBy: actorId(),
          })
          .commit(),
      ),
    ],
    result: toOperation(stored),
    conditionFailed: (i) =>
      i === 0
        ? conflict("order-closed", "The order was closed at the same time")
        : i === 1
          ? new Error("report exists")
          : conflict("serial-taken", `Serial ${fresh[i - 2]?.serialNo} was bound by another report at the same time`),
  });
});
