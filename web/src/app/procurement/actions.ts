"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { num, type Refusal, refusal, text } from "@/server/forms";

/** What a procurement form shows after its action: codes and numbers, worded by the form. */
export type ProcState =
  | { status: "idle"; nextKey: string }
  | { status: "success"; vars: Record<string, string | number>; nextKey: string }
  | (Refusal & { nextKey: string });

const refused = (e: unknown, nextKey: string): ProcState => ({ ...refusal(e), nextKey });

/**
 * A scanned label into quarantine. The idempotency key stays the same until the receipt succeeds,
 * so a double-submitted or rescanned form receives once; the override fields are sent only when
 * the signer filled them in (after the gate refused).
 */
export async function receive(prev: ProcState, form: FormData): Promise<ProcState> {
  const poId = text(form, "poId");
  await requireUser(`/procurement/${poId}`);
  const [warehouseId = "", locationId = ""] = text(form, "at").split("|");
  const password = String(form.get("password") ?? "");
  const body = {
    scan: String(form.get("scan") ?? ""),
    quantity: num(form, "quantity"),
    warehouseId,
    locationId,
    ...(password ? { override: { reason: text(form, "reason"), password } } : {}),
  };
  try {
    const r = await api.procurement.poReceipts.receive({ params: { poId }, body, idempotencyKey: prev.nextKey });
    revalidatePath(`/procurement/${poId}`);
    return { status: "success", vars: { lot: r.lotNo, quantity: r.quantity }, nextKey: randomUUID() };
  } catch (e) {
    return refused(e, prev.nextKey);
  }
}

export async function inspect(prev: ProcState, form: FormData): Promise<ProcState> {
  const poId = text(form, "poId");
  await requireUser(`/procurement/${poId}`);
  const characteristics = [];
  for (let i = 0; form.has(`name.${i}`); i++) {
    if (!text(form, `name.${i}`)) continue;
    characteristics.push({
      name: text(form, `name.${i}`),
      requirement: text(form, `requirement.${i}`) || undefined,
      measured: text(form, `measured.${i}`) || undefined,
      nonconforming: num(form, `nonconforming.${i}`) ?? 0,
    });
  }
  const decision = text(form, "decision");
  const body = {
    aql: text(form, "aql"),
    characteristics,
    defectives: num(form, "defectives"),
    decision,
    ...(decision === "reject" ? { reason: text(form, "reason"), disposition: text(form, "disposition") } : {}),
  };
  try {
    const i = await api.procurement.poReceipts.inspect({
      params: { poId, receiptId: text(form, "receiptId") },
      body,
    });
    revalidatePath(`/procurement/${poId}`);
    return { status: "success", vars: { result: i.result }, nextKey: prev.nextKey };
  } catch (e) {
    return refused(e, prev.nextKey);
  }
}

export async function approve(prev: ProcState, form: FormData): Promise<ProcState> {
  const poId = text(form, "poId");
  await requireUser(`/procurement/${poId}`);
  try {
    await api.procurement.purchaseOrders.approve({ params: { poId } });
    revalidatePath(`/procurement/${poId}`);
    return { status: "success", vars: {}, nextKey: prev.nextKey };
  } catch (e) {
    return refused(e, prev.nextKey);
  }
}
