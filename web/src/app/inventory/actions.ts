"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey as key, num, opt, type Refusal, refusal as refused, text } from "@/server/forms";

/**
 * What an inventory form shows after its action: codes and numbers, worded by the form in the
 * current language. The API validates; the form only shapes what was typed into a request.
 */
export type InvState =
  | { status: "idle" }
  | { status: "success"; done: "move" | "hold" | "release" | "count" | "posted"; vars: Record<string, string | number> }
  | Refusal;

export type KeyedState = InvState & { nextKey: string };

/** Location pickers carry `warehouseId|locationId`: locations are numbered within their warehouse. */
const place = (form: FormData, name: string) => {
  const [warehouseId = "", locationId = ""] = text(form, name).split("|");
  return { warehouseId, locationId };
};

export async function recordMove(_prev: KeyedState, form: FormData): Promise<KeyedState> {
  await requireUser("/inventory/moves");
  const nextKey = randomUUID();
  const kind = text(form, "kind");
  const item = { materialId: text(form, "materialId"), lotNo: opt(form, "lotNo"), serialNo: opt(form, "serialNo") };
  const quantity = num(form, "quantity");
  const idempotencyKey = key(form);
  const { moves } = api.inventory;
  const at = { ...item, ...place(form, "at"), quantity };
  const recording = {
    transfer: () =>
      moves.transfer({
        body: {
          ...item,
          from: place(form, "from"),
          to: place(form, "to"),
          quantity,
          reference: opt(form, "reference"),
        },
        idempotencyKey,
      }),
    adjustment: () => moves.adjust({ body: { ...at, reason: text(form, "reason") }, idempotencyKey }),
    receipt: () =>
      moves.receive({
        body: {
          ...at,
          expiresOn: opt(form, "expiresOn"),
          quarantine: form.get("quarantine") === "on",
          reference: opt(form, "reference"),
        },
        idempotencyKey,
      }),
    issue: () => moves.issue({ body: { ...at, reference: opt(form, "reference") }, idempotencyKey }),
    ship: () => moves.ship({ body: { ...at, reference: opt(form, "reference") }, idempotencyKey }),
  }[kind];
  if (!recording) return { status: "error", code: "invalid-input", issues: [], nextKey };
  try {
    const move = await recording();
    revalidatePath("/inventory");
    return { status: "success", done: "move", vars: { kind, lines: move.lines.length }, nextKey };
  } catch (e) {
    return { ...refused(e), nextKey };
  }
}

export async function setLotStatus(_prev: InvState, form: FormData): Promise<InvState> {
  const materialId = text(form, "materialId");
  const lotNo = text(form, "lotNo");
  await requireUser(`/inventory/lots/${materialId}/${lotNo}`);
  const intent = text(form, "intent") === "release" ? "release" : "hold";
  try {
    const { lots } = api.inventory;
    await (intent === "hold" ? lots.hold : lots.releaseHold)({
      params: { materialId, lotNo },
      body: { reason: text(form, "reason") },
    });
    revalidatePath(`/inventory/lots/${materialId}/${lotNo}`);
    return { status: "success", done: intent, vars: { lot: lotNo } };
  } catch (e) {
    return refused(e);
  }
}

/** Count lines are numbered fields (`materialId.0`, `counted.0`…); a line without a material is unused. */
export async function enterCount(_prev: KeyedState, form: FormData): Promise<KeyedState> {
  await requireUser("/inventory/counts");
  const nextKey = randomUUID();
  const lines = [];
  for (let i = 0; form.has(`materialId.${i}`); i++) {
    const materialId = text(form, `materialId.${i}`);
    if (!materialId) continue;
    lines.push({
      materialId,
      lotNo: opt(form, `lotNo.${i}`),
      serialNo: opt(form, `serialNo.${i}`),
      counted: num(form, `counted.${i}`),
    });
  }
  try {
    const count = await api.inventory.counts.enterCount({
      body: { ...place(form, "at"), lines },
      idempotencyKey: key(form),
    });
    revalidatePath("/inventory/counts");
    return {
      status: "success",
      done: "count",
      vars: { variances: count.lines.filter((l) => l.variance !== 0).length },
      nextKey,
    };
  } catch (e) {
    return { ...refused(e), nextKey };
  }
}

export async function postCount(_prev: InvState, form: FormData): Promise<InvState> {
  await requireUser("/inventory/counts");
  try {
    await api.inventory.counts.postCount({
      params: { countId: text(form, "countId") },
      body: { reason: text(form, "reason") },
    });
    revalidatePath("/inventory/counts");
    return { status: "success", done: "posted", vars: {} };
  } catch (e) {
    return refused(e);
  }
}
