import { Receiving } from "../procurement/index.ts";
import type { LotOrigin } from "./schema.ts";

/**
 * The supplier origin of a received lot, as the issue line keeps it: supplier, the supplier's lot,
 * PO, receipt, the certificate in force at receipt (or the signed override that let the lot in
 * without one) and the incoming inspection. Copied at issue, so the backward trace reads it from
 * the order's partition without another hop. Stock received without a purchase order has none.
 */
export async function originOf(materialId: string, lotNo: string): Promise<LotOrigin | undefined> {
  const origin = await Receiving.originOf(materialId, lotNo);
  if (!origin) return undefined;
  const certificate = origin.certificates[0];
  return {
    supplierId: origin.supplierId,
    supplierCode: origin.supplierCode,
    supplierName: origin.supplierName,
    supplierLotNo: origin.supplierLotNo,
    purchaseOrderId: origin.poId,
    receiptId: origin.receiptIds[0],
    certificate: certificate
      ? { certificateNo: certificate.code, scope: certificate.type, validTo: certificate.expiresOn }
      : undefined,
    inspection: origin.inspection ? { result: origin.inspection.result } : undefined,
    override: origin.override
      ? {
          reason: origin.override.reason,
          signerName: origin.override.signerName,
          signedAt: origin.override.signedAt,
          issues: origin.override.qualificationIssues,
        }
      : undefined,
  };
}
