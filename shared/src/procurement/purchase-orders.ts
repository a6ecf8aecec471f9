import type { EntityItem } from "electrodb";
import { z } from "zod";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import * as Materials from "../masterdata/materials.ts";
import * as Suppliers from "../masterdata/suppliers.ts";
import { nowIso } from "../ports/clock.ts";
import { code, uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import type { PoLineEntity, PurchaseOrderEntity } from "./entities.ts";
import { PurchaseOrderApproved, PurchaseOrderCancelled, PurchaseOrderClosed, PurchaseOrderCreated } from "./events.ts";
import { referenced } from "./references.ts";
import {
  CreatePoInput,
  type PoDetail,
  PoId,
  PoListQuery,
  type PoStatus,
  type PoSummary,
  type PurchaseOrder,
  Reason,
} from "./schema.ts";
import { toInspection, toReceipt } from "./views.ts";

export type HeaderItem = EntityItem<typeof PurchaseOrderEntity>;
type LineItem = EntityItem<typeof PoLineEntity>;

/** Only suppliers on the approved supplier list (approved or conditional) and active get orders. */
async function approvedSupplier(supplierId: string) {
  const supplier = await referenced(
    () => Suppliers.get({ supplierId }),
    "unknown-supplier",
    `No supplier ${supplierId} in this organisation`,
  );
  if (supplier.status !== "active" || (supplier.approval !== "approved" && supplier.approval !== "conditional")) {
    throw unprocessable(
      "supplier-not-approved",
      `Supplier ${supplier.code} is not on the approved supplier list (${supplier.status}, ${supplier.approval})`,
      { approval: supplier.approval, status: supplier.status },
    );
  }
  return supplier;
}

/** `PO-YYMMDD-XXXX`: sorts by date, and the random part needs no counter shared by every buyer. */
const newNumber = () => `PO-${nowIso().slice(2, 10).replaceAll("-", "")}-${code(6)}`;

export const create = fn(CreatePoInput, async (input): Promise<PurchaseOrder> => {
  const supplier = await approvedSupplier(input.supplierId);
  const materials = await Promise.all(
    input.lines.map(async (line, i) => {
      const m = await referenced(
        () => Materials.get({ materialId: line.materialId }),
        "unknown-material",
        `Line ${i + 1}: no material ${line.materialId} in this organisation`,
      );
      if (m.status !== "active")
        throw unprocessable("material-inactive", `Line ${i + 1}: material ${m.code} is inactive`);
      // MD-2: one unit per material; an order in another unit would be counted wrong at receipt.
      if (m.unit !== line.unit) {
        throw unprocessable("unit-mismatch", `Line ${i + 1}: ${m.code} is counted in ${m.unit}, not ${line.unit}`, {
          line: i + 1,
          unit: m.unit,
        });
      }
      return m;
    }),
  );
  const tenantId = useTenantId();
  const poId = uuid();
  const number = newNumber();
  const now = nowIso();
  const by = actorId();
  const lines: LineItem[] = input.lines.map((l, i) => ({
    tenantId,
    poId,
    lineNo: i + 1,
    materialId: l.materialId,
    quantity: l.quantity,
    unit: l.unit,
    dueDate: l.dueDate,
    maxReceivable: Math.floor((l.quantity * (100 + input.tolerancePct)) / 100),
    received: 0,
  }));
  const header: HeaderItem = {
    tenantId,
    poId,
    number,
    supplierId: supplier.supplierId,
    status: "draft",
    tolerancePct: input.tolerancePct,
    ...(input.note ? { note: input.note } : {}),
    lineCount: lines.length,
    ordered: lines.reduce((s, l) => s + l.quantity, 0),
    received: 0,
    receiptCount: 0,
    createdAt: now,
    createdBy: by,
  };
  const names = new Map(materials.map((m) => [m.materialId, m]));
  return commit({
    writes: (e) => [e.purchaseOrder.create(header).commit(), ...lines.map((l) => e.poLine.create(l).commit())],
    events: [emit(PurchaseOrderCreated, { poId, number, supplierId: supplier.supplierId })],
    result: toOrder(header, lines, supplier, names),
  });
});

type Named = { code: string; name: string };

function toOrder(h: HeaderItem, lines: LineItem[], supplier: Named, materials: Map<string, Named>): PurchaseOrder {
  return {
    poId: h.poId,
    number: h.number,
    supplierId: h.supplierId,
    supplierCode: supplier.code,
    supplierName: supplier.name,
    status: h.status,
    tolerancePct: h.tolerancePct,
    note: h.note ?? null,
    lines: lines
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => ({
        lineNo: l.lineNo,
        materialId: l.materialId,
        materialCode: materials.get(l.materialId)?.code ?? "?",
        materialName: materials.get(l.materialId)?.name ?? "?",
        quantity: l.quantity,
        unit: l.unit as PurchaseOrder["lines"][number]["unit"],
        dueDate: l.dueDate,
        received: l.received ?? 0,
        maxReceivable: l.maxReceivable,
      })),
    createdAt: h.createdAt,
    createdBy: h.createdBy,
    approvedAt: h.approvedAt ?? null,
    approvedBy: h.approvedBy ?? null,
    closedAt: h.closedAt ?? null,
    closeReason: h.closeReason ?? null,
  };
}

/** The order's partition: header, lines, receipts, inspections (one partition, read in parallel by sort-key prefix). */
export async function load(poId: string) {
  const key = { tenantId: useTenantId(), poId };
  const read = { pages: "all", consistent: true } as const;
  const [header, lines, receipts, inspections] = await Promise.all([
    Db.entities.purchaseOrder.get(key).go({ consistent: true }),
    Db.entities.poLine.query.byId(key).go(read),
    Db.entities.poReceipt.query.byId(key).go(read),
    Db.entities.incomingInspection.query.byId(key).go(read),
  ]);
  if (!header.data) throw notFound("po-not-found", `No purchase order ${poId}`);
  return { header: header.data, lines: lines.data, receipts: receipts.data, inspections: inspections.data };
}

export const get = fn(z.object({ poId: PoId }), async ({ poId }): Promise<PoDetail> => {
  const { header, lines, receipts, inspections } = await load(poId);
  const [supplier, ...materials] = await Promise.all([
    Suppliers.get({ supplierId: header.supplierId }),
    ...[...new Set(lines.map((l) => l.materialId))].map((materialId) => Materials.get({ materialId })),
  ]);
  return {
    order: toOrder(header, lines, supplier, new Map(materials.map((m) => [m.materialId, m]))),
    receipts: receipts.map(toReceipt).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    inspections: inspections.map(toInspection),
  };
});

/** The organisation's orders, newest first. */
export const list = fn(PoListQuery, async ({ status }): Promise<PoSummary[]> => {
  const { data } = await Db.entities.purchaseOrder.query
    .byTenant({ tenantId: useTenantId() })
    .go({ pages: "all", order: "desc" });
  const suppliers = new Map((await Suppliers.list()).map((s) => [s.supplierId, s]));
  return data
    .filter((h) => !status || h.status === status)
    .map((h) => {
      const { lines: _, ...order } = toOrder(h, [], suppliers.get(h.supplierId) ?? { code: "?", name: "?" }, new Map());
      return { ...order, lineCount: h.lineCount, ordered: h.ordered, received: h.received ?? 0 };
    });
});

async function transition(
  poId: string,
  from: PoStatus[],
  to: PoStatus,
  change: Partial<HeaderItem>,
  event: (h: HeaderItem) => ReturnType<typeof emit>,
  extraGuard?: (h: HeaderItem) => void,
): Promise<PoDetail> {
  const { header } = await load(poId);
  if (!from.includes(header.status)) {
    throw conflict("po-status", `Purchase order ${header.number} is ${header.status}: it cannot become ${to}`, {
      status: header.status,
    });
  }
  extraGuard?.(header);
  await commit({
    writes: (e) => [
      e.purchaseOrder
        .patch({ tenantId: useTenantId(), poId })
        .set({ ...change, status: to })
        // Still as read: a receipt or another transition in between wins, this one is refused.
        .where((a, op) => `${op.eq(a.status, header.status)} AND ${op.eq(a.receiptCount, header.receiptCount)}`)
        .commit(),
    ],
    events: [event(header)],
    result: undefined,
    conditionFailed: () => conflict("concurrent-change", "The purchase order changed at the same time; reload"),
  });
  return get({ poId });
}

const ref = (h: HeaderItem) => ({ poId: h.poId, number: h.number, supplierId: h.supplierId });

/** Approve and send to the supplier: from now on receipts may be taken against it. */
export const approve = fn(z.object({ poId: PoId }), ({ poId }) =>
  transition(poId, ["draft"], "approved", { approvedAt: nowIso(), approvedBy: actorId() }, (h) =>
    emit(PurchaseOrderApproved, ref(h)),
  ),
);

const WithReason = z.object({ poId: PoId, reason: Reason });

/** Nothing more is expected (short delivery accepted): no further receipts. */
export const close = fn(WithReason, ({ poId, reason }) =>
  transition(poId, ["approved"], "closed", { closedAt: nowIso(), closeReason: reason }, (h) =>
    emit(PurchaseOrderClosed, { ...ref(h), reason }),
  ),
);

/** Withdraw an order nothing was received against; once goods arrived, close it instead. */
export const cancel = fn(WithReason, ({ poId, reason }) =>
  transition(
    poId,
    ["draft", "approved"],
    "cancelled",
    { closedAt: nowIso(), closeReason: reason },
    (h) => emit(PurchaseOrderCancelled, { ...ref(h), reason }),
    (h) => {
      if (h.receiptCount > 0) {
        throw conflict("po-has-receipts", `Goods were received against ${h.number}: close it instead of cancelling`);
      }
    },
  ),
);
