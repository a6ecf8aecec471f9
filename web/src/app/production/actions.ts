"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey, num, opt, type Refusal, refusal, text } from "@/server/forms";

/**
 * What a production form shows after its action: the numbers its sentence needs on success, the
 * API's refusal otherwise. `nextKey` is the Idempotency-Key of the form's next submission: kept
 * after a refusal (a retry of the same step records it once), fresh after a success.
 */
export type ProdState =
  | { status: "idle"; nextKey: string }
  | { status: "success"; vars: Record<string, string | number>; nextKey: string }
  | (Refusal & { nextKey: string });

/** Blank lines dropped: serials typed or scanned one per line. */
const lines = (form: FormData, name: string) =>
  text(form, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A `datetime-local` field as an instant (the browser's zone is sent with it), else now. */
const instant = (form: FormData, name: string) => {
  const local = text(form, name);
  const offset = Number(text(form, "tzOffset") || 0);
  if (!local) return new Date().toISOString();
  const at = Date.parse(`${local}:00Z`);
  return Number.isNaN(at) ? local : new Date(at + offset * 60_000).toISOString();
};

const place = (form: FormData) => {
  const [warehouseId = "", locationId = ""] = text(form, "at").split("|");
  return { warehouseId, locationId };
};

const { productionSteps: steps } = api.production;

/** One step on an order: recorded through the API, the order page re-read, the outcome worded. */
async function step<A>(
  form: FormData,
  record: (orderId: string, idempotencyKey: string) => Promise<A>,
  vars: (answer: A) => Record<string, string | number>,
): Promise<ProdState> {
  const orderId = text(form, "orderId");
  await requireUser(`/production/${orderId}`);
  const key = idempotencyKey(form);
  try {
    const answer = await record(orderId, key);
    revalidatePath(`/production/${orderId}`);
    return { status: "success", vars: vars(answer), nextKey: randomUUID() };
  } catch (e) {
    return { ...refusal(e), nextKey: key };
  }
}

export async function createOrder(_prev: ProdState, form: FormData): Promise<ProdState> {
  await requireUser("/production");
  const key = idempotencyKey(form);
  const body = {
    productId: text(form, "productId"),
    quantity: num(form, "quantity"),
    plannedStart: text(form, "plannedStart"),
    fgLotNo: text(form, "fgLotNo"),
    fgExpiresOn: opt(form, "fgExpiresOn"),
  };
  try {
    const order = await api.production.productionOrders.createOrder({ body, idempotencyKey: key });
    revalidatePath("/production");
    return { status: "success", vars: { orderNo: order.orderNo, orderId: order.orderId }, nextKey: randomUUID() };
  } catch (e) {
    return { ...refusal(e), nextKey: key };
  }
}

export async function issueMaterial(_prev: ProdState, form: FormData): Promise<ProdState> {
  const body = {
    scan: text(form, "scan"),
    materialId: opt(form, "materialId"),
    ...place(form),
    quantity: num(form, "quantity"),
  };
  return step(
    form,
    (orderId, idempotencyKey) => steps.issue({ params: { orderId }, body, idempotencyKey }),
    (i) => ({
      lot: i.lotNo,
      quantity: `${i.quantity} ${i.unit}`,
      material: i.materialCode,
    }),
  );
}

export async function reportOperation(_prev: ProdState, form: FormData): Promise<ProdState> {
  const body = {
    sequence: num(form, "sequence"),
    good: num(form, "good") ?? 0,
    scrap: num(form, "scrap") ?? 0,
    startedAt: instant(form, "startedAt"),
    finishedAt: instant(form, "finishedAt"),
    equipment: text(form, "equipment"),
    units: lines(form, "serials").map((serialNo) => ({ serialNo })),
    note: opt(form, "note"),
  };
  return step(
    form,
    (orderId, idempotencyKey) => steps.report({ params: { orderId }, body, idempotencyKey }),
    (r) => ({ good: r.good, sequence: r.sequence }),
  );
}

export async function recordInspection(_prev: ProdState, form: FormData): Promise<ProdState> {
  const measurements = [];
  for (let i = 0; form.has(`characteristic.${i}`); i++) {
    if (!text(form, `characteristic.${i}`)) continue;
    measurements.push({
      characteristic: text(form, `characteristic.${i}`),
      value: num(form, `value.${i}`),
      lower: num(form, `lower.${i}`),
      upper: num(form, `upper.${i}`),
      unit: text(form, `unit.${i}`),
    });
  }
  const body = {
    kind: text(form, "kind"),
    sequence: num(form, "sequence"),
    sampleSize: num(form, "sampleSize"),
    serials: lines(form, "serials"),
    measurements,
    equipment: opt(form, "equipment"),
  };
  return step(
    form,
    (orderId, idempotencyKey) => steps.inspect({ params: { orderId }, body, idempotencyKey }),
    (i) => ({ result: i.result }),
  );
}

export async function raiseNc(_prev: ProdState, form: FormData): Promise<ProdState> {
  const body = {
    sequence: num(form, "sequence"),
    description: text(form, "description"),
    quantity: num(form, "quantity"),
    serials: lines(form, "serials"),
  };
  return step(
    form,
    (orderId, idempotencyKey) => steps.raiseNc({ params: { orderId }, body, idempotencyKey }),
    (n) => ({ ncNo: n.ncNo }),
  );
}

export async function dispositionNc(_prev: ProdState, form: FormData): Promise<ProdState> {
  const body = {
    disposition: text(form, "disposition"),
    reason: text(form, "reason"),
    concessionNo: opt(form, "concessionNo"),
  };
  const ncId = text(form, "ncId");
  return step(
    form,
    (orderId, idempotencyKey) => steps.disposition({ params: { orderId, ncId }, body, idempotencyKey }),
    (n) => ({ disposition: n.disposition ?? "" }),
  );
}

export async function releaseBatch(_prev: ProdState, form: FormData): Promise<ProdState> {
  const body = { password: String(form.get("password") ?? ""), meaning: "released", statement: opt(form, "statement") };
  return step(
    form,
    (orderId, idempotencyKey) => steps.release({ params: { orderId }, body, idempotencyKey }),
    (r) => ({ signer: r.signerName }),
  );
}

export async function receiveFinished(_prev: ProdState, form: FormData): Promise<ProdState> {
  return step(
    form,
    (orderId, idempotencyKey) => steps.receive({ params: { orderId }, body: place(form), idempotencyKey }),
    (r) => ({ received: r.received, lot: r.fgLotNo }),
  );
}
