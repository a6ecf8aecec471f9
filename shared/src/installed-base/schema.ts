import { z } from "zod";
import { barcode } from "../util/text.ts";

/**
 * A device in a hospital's installed base: the projection of a manufacturer's shipment into the
 * hospital's own tenant (SEC-3). It holds what the hospital may see and nothing else — never the
 * manufacturer's costs, suppliers, stock places or internal records. Zod only: the portal imports it.
 */
export const InstalledId = z.uuid("installedId is an installed device's id");

export const DeviceStatus = z.enum(["in-transit", "installed"]);

export const InstalledDevice = z
  .object({
    installedId: z.string(),
    status: DeviceStatus,
    manufacturerName: z.string(),
    serviceContact: z.string().nullable(),
    model: z.string(),
    modelNumber: z.string(),
    udiDi: z.string(),
    /** GS1 element string (DI + PI, FNC1 as GS), as a scanner reads the label. */
    udi: z.string(),
    /** The same UDI in bracketed human-readable form, as printed under the barcode. */
    udiHri: z.string(),
    serialNo: z.string(),
    lotNo: z.string().nullable(),
    expiresOn: z.string().nullable(),
    shippedAt: z.string(),
    deliveredAt: z.string().nullable(),
    warrantyMonths: z.number().nullable(),
    warrantyStart: z.string().nullable(),
    warrantyEnd: z.string().nullable(),
  })
  .strict();
export type InstalledDevice = z.infer<typeof InstalledDevice>;

/** Search by serial (prefix) or by scanning the device's UDI label. */
export const ListQuery = z
  .object({
    serial: z.string().trim().min(1).max(20).optional(),
    udi: barcode(z.string().trim().min(1).max(200)).optional(),
  })
  .strict()
  .refine((q) => !(q.serial && q.udi), { message: "search by serial or by UDI, not both", path: ["udi"] });

export const DeviceKey = z.object({ installedId: InstalledId });
