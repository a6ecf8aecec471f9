import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { InspectionRecorded, NonconformanceDispositioned, NonconformanceRaised } from "./events.ts";
import { actorName, unitsBySerial } from "./operations.ts";
import { assertOpen, loadOrder, openGuard } from "./production-orders.ts";
import { DispositionInput, InspectInput, type Inspection, type Nonconformance, RaiseNcInput } from "./schema.ts";
import { type NcItem, type OrderItem, toInspection, toNc } from "./views.ts";

function onRoute(order: OrderItem, sequence: number) {
  const ops = JSON.parse(order.route).operations as { sequence: number }[];
  if (!ops.some((o) => o.sequence === sequence)) {
    throw unprocessable("unknown-operation", `Operation ${sequence} is not on this order's route`);
  }
}

async function assertOwnUnits(order: OrderItem, serials: string[]) {
  const units = await unitsBySerial(order.productId, serials);
  const foreign = serials.filter((s) => units.get(s)?.orderId !== order.orderId);
  if (foreign.length) {
    throw unprocessable("unknown-serial", `Not units of this order: ${foreign.join(", ")}`, { serials: foreign });
  }
}

const ncItem = (
  order: OrderItem,
  n: { sequence: number; description: string; quantity: number; serials: string[] },
) => {
  const ncId = uuid();
  return {
    tenantId: useTenantId(),
    orderId: order.orderId,
    ncId,
    ncNo: `NC-${order.orderNo.slice(3)}-${ncId.slice(0, 4).toUpperCase()}`,
    sequence: n.sequence,
    description: n.description,
    quantity: n.quantity,
    serials: n.serials.length ? n.serials : undefined,
    status: "open" as const,
    raisedBy: actorId(),
    raisedAt: nowIso(),
  };
};

/**
 * MES-3: an in-process inspection (first-article, sampling, patrol, final) with measurements
 * against their limits. The result follows from the measurements; a failed inspection raises a
 * nonconformance in the same transaction, so no failure goes without a disposition.
 */
export const inspect = fn(InspectInput, async (input): Promise<Inspection> => {
  const order = await loadOrder(input.orderId);
  assertOpen(order);
  onRoute(order, input.sequence);
  await assertOwnUnits(order, input.serials);
  const measurements = input.measurements.map((m) => ({
    ...m,
    pass: (m.lower === undefined || m.value >= m.lower) && (m.upper === undefined || m.value <= m.upper),
  }));
  const result = measurements.every((m) => m.pass) ? ("pass" as const) : ("fail" as const);
  const stored = {
    tenantId: useTenantId(),
    orderId: order.orderId,
    inspectionId: uuid(),
    kind: input.kind,
    sequence: input.sequence,
    measurements: JSON.stringify(measurements),
    serials: input.serials.length ? input.serials : undefined,
    sampleSize: input.sampleSize,
    result,
    inspectorId: actorId(),
    inspectorName: actorName(),
    equipment: input.equipment,
    inspectedAt: nowIso(),
  };
  const failed = measurements.filter((m) => !m.pass);
  const nc =
    result === "fail"
      ? {
          ...ncItem(order, {
            sequence: input.sequence,
            description: `${input.kind} inspection failed: ${failed
              .map((m) => `${m.characteristic} ${m.value} ${m.unit} outside [${m.lower ?? "−∞"}, ${m.upper ?? "∞"}]`)
              .join("; ")}`,
            quantity: Math.max(1, input.serials.length),
            serials: input.serials,
          }),
          inspectionId: stored.inspectionId,
        }
      : undefined;
  return commit({
    writes: (e) => [
      openGuard(order.orderId).write(e),
      e.productionInspection.create(stored).commit(),
      ...(nc ? [e.productionNc.create(nc).commit()] : []),
    ],
    events: [
      emit(InspectionRecorded, {
        orderId: order.orderId,
        orderNo: order.orderNo,
        inspectionId: stored.inspectionId,
        kind: input.kind,
        sequence: input.sequence,
        fgMaterialId: order.fgMaterialId,
        lotNo: order.fgLotNo,
        result,
        measurements,
      }),
      ...(nc
        ? [emit(NonconformanceRaised, { orderId: order.orderId, ncId: nc.ncId, ncNo: nc.ncNo, quantity: nc.quantity })]
        : []),
    ],
    result: toInspection(stored, nc?.ncId ?? null),
    conditionFailed: () => conflict("order-closed", "The order was closed at the same time"),
  });
});

/** MES-3: a nonconformance reported from the line (waiting for its disposition). */
export const raise = fn(RaiseNcInput, async (input): Promise<Nonconformance> => {
  const order = await loadOrder(input.orderId);
  assertOpen(order);
  onRoute(order, input.sequence);
  await assertOwnUnits(order, input.serials);
  const nc = ncItem(order, input);
  return commit({
    writes: (e) => [openGuard(order.orderId).write(e), e.productionNc.create(nc).commit()],
    events: [
      emit(NonconformanceRaised, { orderId: order.orderId, ncId: nc.ncId, ncNo: nc.ncNo, quantity: nc.quantity }),
    ],
    result: toNc(nc),
    conditionFailed: () => conflict("order-closed", "The order was closed at the same time"),
  });
});

/**
 * MES-3: disposition of a nonconformance, once: scrap (its units are scrapped and counted),
 * rework, or use-as-is under a concession. Decided before the batch can be released.
 */
export const disposition = fn(DispositionInput, async (input): Promise<Nonconformance> => {
  const order = await loadOrder(input.orderId);
  assertOpen(order);
  const tenantId = useTenantId();
  const { data } = await Db.entities.productionNc
    .get({ tenantId, orderId: order.orderId, ncId: input.ncId })
    .go({ consistent: true });
  const nc = data as NcItem | null;
  if (!nc) throw notFound("nonconformance-not-found", "No such nonconformance on this order");
  if (nc.status !== "open")
    throw conflict("nc-already-dispositioned", `${nc.ncNo} was dispositioned already (${nc.disposition})`);
  const decided = {
    status: "dispositioned" as const,
    disposition: input.disposition,
    dispositionReason: input.reason,
    concessionNo: input.concessionNo,
    dispositionedBy: actorId(),
    dispositionedAt: nowIso(),
  };
  const serials = input.disposition === "scrap" ? (nc.serials ?? []) : [];
  return commit({
    writes: (e) => [
      e.productionNc
        .patch({ tenantId, orderId: order.orderId, ncId: nc.ncId })
        .set(decided)
        .where((a, op) => op.eq(a.status, "open"))
        .commit(),
      ...(input.disposition === "scrap"
        ? [e.productionOrder.patch({ tenantId, orderId: order.orderId }).add({ scrapped: nc.quantity }).commit()]
        : []),
      ...serials.map((serialNo) =>
        e.productionUnit
          .patch({ tenantId, productId: order.productId, serialNo })
          .set({ state: "scrapped" })
          .where((a, op) => op.eq(a.state, "in-process"))
          .commit(),
      ),
    ],
    events: [
      emit(NonconformanceDispositioned, { orderId: order.orderId, ncId: nc.ncId, disposition: input.disposition }),
    ],
    result: toNc({ ...nc, ...decided }),
    conditionFailed: (i) =>
      i === 0
        ? conflict("nc-already-dispositioned", `${nc.ncNo} was dispositioned at the same time`)
        : conflict("unit-not-in-process", "A unit of this nonconformance is no longer in process"),
  });
});
