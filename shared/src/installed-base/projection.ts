import { createHash } from "node:crypto";
import type { ShippedDevice } from "../shipment/events.ts";
import type { InstalledDevice } from "./schema.ts";

/**
 * The allow list: the only fields of a shipped device a hospital's installed base takes. Whatever
 * else the shipping event carries (stock places, customer and shipment ids, references, any field
 * added later) stays with the manufacturer, because nothing here copies a field it does not name.
 */
export const DEVICE_FIELDS = [
  "model",
  "modelNumber",
  "udiDi",
  "udi",
  "udiHri",
  "serialNo",
  "lotNo",
  "expiresOn",
  "warrantyMonths",
  "serviceContact",
] as const satisfies readonly (keyof ShippedDevice & keyof InstalledDevice)[];

export interface ShipmentStage {
  manufacturerTenantId: string;
  manufacturerName: string;
  dispatchedAt: string;
  /** Set once the shipment is delivered: the device is installed and its warranty runs. */
  deliveredAt: string | null;
}

/**
 * The same device always gets the same id (manufacturer, DI, serial), so a redelivered event
 * writes the same item and a later shipment of the same device (after a return) updates it.
 */
export function installedIdOf(manufacturerTenantId: string, udiDi: string, serialNo: string): string {
  const h = createHash("sha256").update(`${manufacturerTenantId}|${udiDi}|${serialNo}`).digest("hex");
  // Shaped as a UUID (version nibble 8: custom) so routes validate it like any other id.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Warranty end: the day before the same calendar day `months` later (24 months from 2026-03-15 → 2028-03-14). */
export function warrantyEnd(start: string, months: number): string {
  const d = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function project(device: ShippedDevice, stage: ShipmentStage): InstalledDevice {
  const picked = Object.fromEntries(DEVICE_FIELDS.map((f) => [f, device[f]])) as Pick<
    InstalledDevice,
    (typeof DEVICE_FIELDS)[number]
  >;
  const start = stage.deliveredAt?.slice(0, 10) ?? null;
  return {
    ...picked,
    installedId: installedIdOf(stage.manufacturerTenantId, device.udiDi, device.serialNo),
    status: stage.deliveredAt ? "installed" : "in-transit",
    manufacturerName: stage.manufacturerName,
    shippedAt: stage.dispatchedAt,
    deliveredAt: stage.deliveredAt,
    warrantyStart: start,
    warrantyEnd: start && device.warrantyMonths !== null ? warrantyEnd(start, device.warrantyMonths) : null,
  };
}
