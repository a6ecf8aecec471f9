"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey as key, opt, type Refusal, refusal, text } from "@/server/forms";

/** What a shipment form shows after its action: codes and values, worded by the form in the current language. */
export type ShipState =
  | { status: "idle"; nextKey: string }
  | { status: "success"; done: "picked" | "dispatched" | "delivered"; vars: Record<string, string>; nextKey: string }
  | (Refusal & { nextKey: string });

const refused = (e: unknown, nextKey: string): ShipState => ({ ...refusal(e), nextKey });

export async function createShipment(_prev: ShipState, form: FormData): Promise<ShipState> {
  await requireUser("/shipments");
  let shipmentId: string;
  try {
    const s = await api.shipping.shipments.createShipment({
      body: { customerId: text(form, "customerId"), reference: opt(form, "reference"), note: opt(form, "note") },
      idempotencyKey: key(form),
    });
    shipmentId = s.shipmentId;
  } catch (e) {
    return refused(e, randomUUID());
  }
  revalidatePath("/shipments");
  redirect(`/shipments/${shipmentId}`);
}

/** A scan (the scanner's Enter submits the form) or a typed model and serial. */
export async function pickSerial(_prev: ShipState, form: FormData): Promise<ShipState> {
  const shipmentId = text(form, "shipmentId");
  await requireUser(`/shipments/${shipmentId}`);
  const nextKey = randomUUID();
  const scan = opt(form, "scan");
  const body = scan ? { scan } : { productId: opt(form, "productId"), serialNo: opt(form, "serialNo") };
  try {
    const before = new Set(
      (await api.shipping.shipments.getShipment({ params: { shipmentId } })).lines.map(
        (l) => `${l.productId}|${l.serialNo}`,
      ),
    );
    const s = await api.shipping.shipments.pick({
      params: { shipmentId },
      body,
      idempotencyKey: key(form),
    });
    const added = s.lines.find((l) => !before.has(`${l.productId}|${l.serialNo}`));
    revalidatePath(`/shipments/${shipmentId}`);
    return { status: "success", done: "picked", vars: { serial: added?.serialNo ?? "" }, nextKey };
  } catch (e) {
    return refused(e, nextKey);
  }
}

export async function unpickSerial(form: FormData): Promise<void> {
  const shipmentId = text(form, "shipmentId");
  await requireUser(`/shipments/${shipmentId}`);
  await api.shipping.shipments.unpick({
    params: { shipmentId, productId: text(form, "productId"), serialNo: text(form, "serialNo") },
  });
  revalidatePath(`/shipments/${shipmentId}`);
}

export async function dispatchShipment(_prev: ShipState, form: FormData): Promise<ShipState> {
  const shipmentId = text(form, "shipmentId");
  await requireUser(`/shipments/${shipmentId}`);
  try {
    await api.shipping.shipments.dispatch({ params: { shipmentId }, idempotencyKey: key(form) });
  } catch (e) {
    return refused(e, randomUUID());
  }
  revalidatePath(`/shipments/${shipmentId}`);
  return { status: "success", done: "dispatched", vars: {}, nextKey: randomUUID() };
}

export async function deliverShipment(_prev: ShipState, form: FormData): Promise<ShipState> {
  const shipmentId = text(form, "shipmentId");
  await requireUser(`/shipments/${shipmentId}`);
  try {
    await api.shipping.shipments.deliver({
      params: { shipmentId },
      body: { deliveredOn: opt(form, "deliveredOn") },
      idempotencyKey: key(form),
    });
  } catch (e) {
    return refused(e, randomUUID());
  }
  revalidatePath(`/shipments/${shipmentId}`);
  return { status: "success", done: "delivered", vars: {}, nextKey: randomUUID() };
}
