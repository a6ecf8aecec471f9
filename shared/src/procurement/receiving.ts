import type { z } from "zod";
import { emit, priorAnswer } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, forbidden, notFound, unprocessable } from "../errors/index.ts";
import type { Guarded } from "../inventory/engine.ts";
import { NO_SERIAL } from "../inventory/entities.ts";
import * as Moves from "../inventory/moves.ts";
import { LotNo, SerialNo } from "../inventory/schema.ts";
import * as Certificates from "../masterdata/certificates.ts";
import * as Materials from "../masterdata/materials.ts";
import * as Suppliers from "../masterdata/suppliers.ts";
import { nowIso, today } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import * as Signatures from "../signature/signatures.ts";
import { actorId, useActor, useTenantId } from "../tenant/context.ts";
import { parseUdi } from "../udi/parse.ts";
import { isUdiError } from "../udi/types.ts";
import { fn } from "../util/fn.ts";
import { GoodsReceived } from "./events.ts";
import { load } from "./purchase-orders.ts";
import { LotKey, type LotOrigin, type Override, PoId, type Receipt, ReceiveInput } from "./schema.ts";
import { byGtin } from "./supplier-parts.ts";

/** Who may let a receipt through the qualification gate (SEC-2: quality decides, not the store). */
const OVERRIDERS = ["quality-engineer", "admin"];
/** Reasons a signed override may set aside; an unapproved or inactive supplier is never received from. */
const OVERRIDABLE = new Set(["no-certificate-in-scope", "certificate-expired", "certificate-not-yet-valid"]);

/** Read the scanned label: the DI names the part, the production identifiers name the lot. */
function readLabel(scan: string) {
  const udi = parseUdi(scan.trim());
  if (isUdiError(udi)) {
    throw unprocessable("label-unreadable", `The label could not be read: ${udi.message}`, {
      error: udi.error,
      position: udi.position ?? null,
    });
  }
  if (!udi.di) throw unprocessable("label-no-di", "The label carries no device identifier (GTIN)");
  const count = udi.scheme === "gs1" ? (udi.ais["30"] ?? udi.ais["37"]) : udi.quantity?.toString();
  return { udi, di: udi.di, count: count ? Number(count) : undefined };
}

function usable<T>(schema: z.ZodType<T>, value: string | undefined, what: string): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw unprocessable("label-value-unusable", `The label's ${what} "${value}" cannot be kept as one`, { what });
  }
  return parsed.data;
}

async function gate(supplierId: string, materialId: string, override: z.infer<typeof ReceiveInput>["override"]) {
  const q = await Certificates.isQualified({ supplierId, materialId, date: today() });
  const hard = q.reasons.filter((r) => !OVERRIDABLE.has(r));
  if (hard.length) {
    throw unprocessable("supplier-not-approved", `The supplier may not deliver: ${hard.join(", ")}`, { reasons: hard });
  }
  if (q.qualified && override) {
    throw unprocessable("override-not-needed", "The supplier is qualified for this material: no override is needed");
  }
  if (!q.qualified && !override) {
    throw unprocessable(
      "supplier-not-qualified",
      `The supplier is not qualified for this material (${q.reasons.join(", ")}): a quality engineer may override with a signature`,
      { reasons: q.reasons },
    );
  }
  if (override) {
    const actor = useActor();
    if (actor.type !== "user" || !actor.roles.some((r) => OVERRIDERS.includes(r))) {
      throw forbidden("override-not-allowed", `Only a ${OVERRIDERS.join(" or ")} may override the qualification gate`);
    }
  }
  const inForce = q.certificates.filter((c) => c.validFrom <= today() && today() <= c.expiresOn);
  return {
    issues: q.reasons,
    certificates: (inForce.length ? inForce : q.qualified ? q.certificates : []).map((c) => ({
      certificateId: c.certificateId,
      code: c.code,
      type: c.type,
      scopeMaterialIds: c.scopeMaterialIds,
      scopeCategories: c.scopeCategories,
      validFrom: c.validFrom,
      expiresOn: c.expiresOn,
    })),
  };
}

/**
 * Receive goods against an approved purchase order by scanning the supplier's label. The label
 * names the part (GTIN → material, which must be on the order) and the lot, expiry and serial; the
 * supplier must be qualified for the material on the day, or a quality engineer overrides with a
 * reason and an electronic signature. One transaction posts the stock into quarantine (lot on hold
 * for incoming inspection), the line's received quantity (guarded by its limit), the receipt, the
 * lot's origin, the signature and the events — or nothing.
 */
export const receive = fn(ReceiveInput.extend({ poId: PoId }), async ({ poId, ...input }): Promise<Receipt> => {
  const prior = await priorAnswer<Receipt>();
  if (prior) return prior;
  const { udi, di, count } = readLabel(input.scan);
  const part = await byGtin(di);
  if (!part) {
    throw unprocessable(
      "unknown-part",
      `No material is mapped to the label's GTIN ${di}: add it to the supplier parts`,
      {
        di,
      },
    );
  }
  const { header, lines } = await load(poId);
  if (header.status !== "approved") {
    throw unprocessable("po-not-open", `Purchase order ${header.number} is ${header.status}: nothing can be received`);
  }
  const material = await Materials.get({ materialId: part.materialId });
  if (part.supplierId !== header.supplierId) {
    throw unprocessable("wrong-supplier", `The label is a part of another supplier than ${header.number}'s`, { di });
  }
  const candidates = lines.filter((l) => l.materialId === part.materialId);
  const line = input.lineNo
    ? candidates.find((l) => l.lineNo === input.lineNo)
    : (candidates.find((l) => (l.received ?? 0) < l.maxReceivable) ?? candidates[0]);
  if (!line) {
    throw unprocessable(
      "wrong-material",
      `The label is ${material.code} (${material.name}), which is not on ${input.lineNo ? `line ${input.lineNo} of ` : ""}${header.number}`,
      { materialId: material.materialId, materialCode: material.code },
    );
  }

  const lotNo = usable(LotNo, udi.lot, "lot number");
  const serialNo = usable(SerialNo, udi.serial, "serial number");
  if (material.tracking !== "none" && !lotNo) {
    throw unprocessable("label-no-lot", `${material.code} is traced by lot: the label carries no lot number (AI 10)`);
  }
  const quantity = material.tracking === "serial" ? 1 : (input.quantity ?? count);
  if (!quantity || !Number.isInteger(quantity) || quantity <= 0) {
    throw unprocessable("quantity-required", "The label carries no count: enter the quantity received");
  }
  const received = line.received ?? 0;
  if (received + quantity > line.maxReceivable) {
    throw unprocessable(
      "over-receipt",
      `Line ${line.lineNo} allows ${line.maxReceivable} (ordered ${line.quantity}, ${header.tolerancePct}% tolerance); ${received} received, ${quantity} more is too many`,
      { ordered: line.quantity, received, maxReceivable: line.maxReceivable },
    );
  }

  const { issues, certificates } = await gate(header.supplierId, material.materialId, input.override);
  const receiptId = uuid();
  const signature = input.override
    ? await Signatures.sign(
        { password: input.override.password, meaning: "override", statement: input.override.reason },
        `purchase-order/${poId}/receipt/${receiptId}`,
        // What is signed: this delivery let through the gate despite these findings.
        { poId, receiptId, scan: input.scan, issues },
      )
    : undefined;
  const override: Override | null =
    signature && input.override
      ? {
          qualificationIssues: issues,
          reason: input.override.reason,
          signatureId: signature.signatureId,
          signerId: signature.signerId,
          signerName: signature.signerName,
          meaning: signature.meaning,
          signedAt: signature.signedAt,
          manifest: signature.manifest,
        }
      : null;

  const tenantId = useTenantId();
  const moveId = uuid();
  const receipt: Receipt = {
    receiptId,
    poId,
    lineNo: line.lineNo,
    materialId: material.materialId,
    lotNo: lotNo ?? "-",
    serialNo: serialNo ?? null,
    expiresOn: udi.expiry ?? null,
    quantity,
    warehouseId: input.warehouseId,
    locationId: input.locationId,
    scan: input.scan,
    di,
    moveId,
    certificates,
    override,
    status: "awaiting-inspection",
    receivedAt: nowIso(),
    receivedBy: actorId(),
  };
  const supplier = await Suppliers.get({ supplierId: header.supplierId });
  const origin = lotNo
    ? await originWrite({
        materialId: material.materialId,
        lotNo,
        supplierId: supplier.supplierId,
        supplierCode: supplier.code,
        supplierName: supplier.name,
        supplierLotNo: lotNo,
        poId,
        poNumber: header.number,
        receiptIds: [receiptId],
        certificates,
        override,
        inspection: null,
      })
    : [];
  const writes: Guarded[] = [
    {
      write: (e) =>
        e.purchaseOrder
          .patch({ tenantId, poId })
          .add({ received: quantity, receiptCount: 1 })
          .where((a, op) => op.eq(a.status, "approved"))
          .commit(),
      failed: () => unprocessable("po-not-open", `Purchase order ${header.number} was closed or cancelled just now`),
    },
    {
      write: (e) =>
        e.poLine
          .patch({ tenantId, poId, lineNo: line.lineNo })
          .add({ received: quantity })
          // Concurrent receipts on one line cannot together exceed its limit.
          .where((a, op) => op.lte(a.received, line.maxReceivable - quantity))
          .commit(),
      failed: () => unprocessable("over-receipt", `Line ${line.lineNo} was received meanwhile: this would exceed it`),
    },
    {
      write: (e) =>
        e.poReceipt
          .create({
            tenantId,
            ...receipt,
            serialNo: receipt.serialNo ?? NO_SERIAL,
            expiresOn: receipt.expiresOn ?? undefined,
            certificates: JSON.stringify(certificates),
            override: override ? JSON.stringify(override) : undefined,
          })
          .commit(),
      failed: () => conflict("receipt-exists", "This receipt was recorded already"),
    },
    ...origin,
    ...(signature
      ? [{ write: Signatures.write(signature), failed: () => conflict("signature-exists", "Signed twice") }]
      : []),
  ];
  return Moves.receiveWith(
    {
      materialId: material.materialId,
      ...(material.tracking !== "none" && lotNo ? { lotNo } : {}),
      ...(material.tracking === "serial" && serialNo ? { serialNo } : {}),
      ...(udi.expiry ? { expiresOn: udi.expiry } : {}),
      warehouseId: input.warehouseId,
      locationId: input.locationId,
      quantity,
      quarantine: true,
      reference: header.number,
    },
    {
      moveId,
      with: writes,
      events: () => [
        emit(GoodsReceived, {
          poId,
          receiptId,
          lineNo: line.lineNo,
          supplierId: header.supplierId,
          materialId: material.materialId,
          lotNo: receipt.lotNo,
          serialNo: receipt.serialNo,
          quantity,
          moveId,
          overridden: override !== null,
        }),
      ],
      answer: () => receipt,
    },
  );
});

async function storedOrigin(materialId: string, lotNo: string) {
  const { data } = await Db.entities.lotOrigin
    .get({ tenantId: useTenantId(), materialId, lotNo })
    .go({ consistent: true });
  return data ?? undefined;
}

/**
 * The lot's origin: the first receipt's, with later receipts of the same supplier lot added. A lot
 * number already received from another supplier is refused: one lot, one origin.
 */
async function originWrite(fresh: LotOrigin): Promise<Guarded[]> {
  const tenantId = useTenantId();
  const key = { tenantId, materialId: fresh.materialId, lotNo: fresh.lotNo };
  const stored = await storedOrigin(fresh.materialId, fresh.lotNo);
  const failed = () =>
    conflict("lot-origin-changed", "Another receipt of this lot was recorded at the same time; try again");
  if (!stored) {
    return [
      {
        write: (e) =>
          e.lotOrigin
            .create({ ...key, supplierId: fresh.supplierId, poId: fresh.poId, origin: JSON.stringify(fresh) })
            .commit(),
        failed,
      },
    ];
  }
  const before = JSON.parse(stored.origin) as LotOrigin;
  if (before.supplierId !== fresh.supplierId) {
    throw unprocessable(
      "lot-from-other-supplier",
      `Lot ${fresh.lotNo} of this material was received from ${before.supplierCode}: a lot has one origin`,
    );
  }
  const after: LotOrigin = {
    ...before,
    receiptIds: [...before.receiptIds, ...fresh.receiptIds],
    override: fresh.override ?? before.override,
  };
  return [{ write: (e) => guardedOriginPatch(e, key, stored.origin, after), failed }];
}

type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];
type OriginKey = { tenantId: string; materialId: string; lotNo: string };

/** Rewrite a lot's origin only if it is still what was read (optimistic lock on the JSON). */
export const guardedOriginPatch = (e: Entities, key: OriginKey, was: string, now: LotOrigin) =>
  e.lotOrigin
    .patch(key)
    .set({ origin: JSON.stringify(now) })
    .where((a, op) => op.eq(a.origin, was))
    .commit();

export { storedOrigin };

/**
 * Where a received lot came from — supplier, its lot number, PO, receipts, certificates in force at
 * receipt, a signed override, the incoming inspection's result — or undefined for stock received
 * without a purchase order. Production copies it onto the material issue (contract with trace).
 */
export async function originOf(materialId: string, lotNo: string): Promise<LotOrigin | undefined> {
  const stored = await storedOrigin(materialId, lotNo);
  return stored ? (JSON.parse(stored.origin) as LotOrigin) : undefined;
}

export const origin = fn(LotKey, async ({ materialId, lotNo }) => {
  const found = await originOf(materialId, lotNo);
  // A lot received without a PO and a lot never received get the same answer.
  if (!found) throw notFound("origin-not-found", `No purchase-order origin is recorded for lot ${lotNo}`);
  return found;
});
