import type { EntityItem } from "electrodb";
import { NO_EXPIRY, NO_SERIAL } from "../inventory/entities.ts";
import type { InspectionEntity, PoReceiptEntity } from "./entities.ts";
import { Inspection, Receipt } from "./schema.ts";

/** Stored forms to what callers see (JSON attributes parsed, "none" markers as null). */
export const toReceipt = (r: EntityItem<typeof PoReceiptEntity>): Receipt =>
  Receipt.parse({
    receiptId: r.receiptId,
    poId: r.poId,
    lineNo: r.lineNo,
    materialId: r.materialId,
    lotNo: r.lotNo,
    serialNo: !r.serialNo || r.serialNo === NO_SERIAL ? null : r.serialNo,
    expiresOn: !r.expiresOn || r.expiresOn === NO_EXPIRY ? null : r.expiresOn,
    quantity: r.quantity,
    warehouseId: r.warehouseId,
    locationId: r.locationId,
    scan: r.scan,
    di: r.di,
    moveId: r.moveId,
    certificates: JSON.parse(r.certificates),
    override: r.override ? JSON.parse(r.override) : null,
    status: r.status,
    receivedAt: r.receivedAt,
    receivedBy: r.receivedBy,
  });

export const toInspection = (i: EntityItem<typeof InspectionEntity>): Inspection =>
  Inspection.parse({
    receiptId: i.receiptId,
    poId: i.poId,
    materialId: i.materialId,
    lotNo: i.lotNo,
    plan: JSON.parse(i.plan),
    characteristics: JSON.parse(i.characteristics),
    defectives: i.defectives,
    result: i.result,
    rejection: i.rejection ? JSON.parse(i.rejection) : null,
    inspectedAt: i.inspectedAt,
    inspectedBy: i.inspectedBy,
  });
