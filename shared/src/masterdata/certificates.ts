import { z } from "zod";
import { Db } from "../db/service.ts";
import { notFound, unprocessable } from "../errors/index.ts";
import { today } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, useDocumentStore } from "./documents.ts";
import * as Materials from "./materials.ts";
import { createRecord, listVersions, loadRecord, updateRecord } from "./records.ts";
import {
  AttachDocumentInput,
  checkScope,
  DocumentUpload,
  EXPIRY_WARNING_DAYS,
  Fields,
  Info,
  type Qualification,
  QualificationQuery,
  StartUploadInput,
  type Validity,
  type View,
} from "./schema/certificates.ts";
import { ChangeReason, RecordMeta, Status } from "./schema/fields.ts";
import * as Suppliers from "./suppliers.ts";

export * from "./schema/certificates.ts";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function validityOn(c: Pick<Info, "validFrom" | "expiresOn">, date = today()) {
  const daysToExpiry = Math.round((day(c.expiresOn) - day(date)) / 86_400_000);
  const validity: z.infer<typeof Validity> =
    date < c.validFrom
      ? "not-yet-valid"
      : daysToExpiry < 0
        ? "expired"
        : daysToExpiry <= EXPIRY_WARNING_DAYS
          ? "expiring"
          : "valid";
  return { validity, daysToExpiry };
}

const view = (c: Info): View => ({ ...c, ...validityOn(c) });

async function checkMaterials(ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((materialId) => Materials.get({ materialId }).catch(() => undefined)));
  const missing = unique.filter((_, i) => !found[i]);
  if (missing.length) {
    throw unprocessable("unknown-material", `No such material: ${missing.join(", ")}`, { materialIds: missing });
  }
}

export const create = fn(
  checkScope(Fields.extend({ supplierId: z.string(), code: RecordMeta.code }).strict()),
  async (input) => {
    await Suppliers.get({ supplierId: input.supplierId });
    await checkMaterials(input.scopeMaterialIds);
    const certificateId = uuid();
    return createRecord({
      kind: "certificate",
      recordId: certificateId,
      codes: [
        {
          kind: "certificate",
          code: input.code,
          takenCode: "certificate-number-taken",
          takenMessage: `A certificate numbered ${input.code} is already on file`,
        },
      ],
      item: { ...input, certificateId },
      info: Info,
    }).then(view);
  },
);

const key = (supplierId: string, certificateId: string) => ({ supplierId, certificateId });
const load = (supplierId: string, certificateId: string) =>
  loadRecord("certificate", key(supplierId, certificateId), "certificate");

export const get = fn(z.object({ supplierId: z.string(), certificateId: z.string() }), async (k) =>
  view(Info.parse(await load(k.supplierId, k.certificateId))),
);

/** A supplier's certificates, or (without a supplier) every certificate of the organisation, soonest expiry first. */
export const list = fn(z.object({ supplierId: z.string().optional() }), async ({ supplierId }) => {
  if (supplierId) await Suppliers.get({ supplierId });
  const { data } = await Db.entities.certificate.query
    .byTenant({ tenantId: useTenantId(), ...(supplierId && { supplierId }) })
    .go({ pages: "all" });
  return data.map((c) => view(Info.parse(c))).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
});

/** Renewal, scope change: a new version of the same certificate number. */
export const update = fn(
  checkScope(
    Fields.extend({
      supplierId: z.string(),
      certificateId: z.string(),
      status: Status.default("active"),
      ...ChangeReason,
    }).strict(),
  ),
  async ({ supplierId, certificateId, reason, ...fields }) => {
    const before = await load(supplierId, certificateId);
    await checkMaterials(fields.scopeMaterialIds);
    return updateRecord({
      kind: "certificate",
      recordId: certificateId,
      key: key(supplierId, certificateId),
      before,
      fields,
      info: Info,
      reason,
    }).then(view);
  },
);

export const versions = fn(z.object({ supplierId: z.string(), certificateId: z.string() }), async (k) => {
  await load(k.supplierId, k.certificateId);
  return listVersions("certificate", k.certificateId, Info);
});

const objectKey = (tenantId: string, certificateId: string) =>
  `documents/${tenantId}/certificates/${certificateId}/${uuid()}`;

/** Step 1 of attaching the scanned certificate: a short-lived URL to PUT the file to. */
export const startDocumentUpload = fn(StartUploadInput, async ({ supplierId, certificateId, contentType }) => {
  await load(supplierId, certificateId);
  const k = objectKey(useTenantId(), certificateId);
  const { url, expiresAt } = await useDocumentStore().uploadUrl(k, contentType);
  return DocumentUpload.parse({ key: k, url, expiresAt });
});

/** Step 2: bind the uploaded file to the certificate (a new version), once it is really there. */
export const attachDocument = fn(
  AttachDocumentInput,
  async ({ supplierId, certificateId, key: k, fileName, reason }) => {
    const before = await load(supplierId, certificateId);
    // Only keys this route handed out for this tenant and certificate: no pointing at other files.
    if (!k.startsWith(`documents/${useTenantId()}/certificates/${certificateId}/`)) {
      throw unprocessable("foreign-document-key", "The document key was not issued for this certificate");
    }
    const stat = await useDocumentStore().stat(k);
    if (!stat) throw unprocessable("document-not-uploaded", "Nothing was uploaded to that key (or the upload failed)");
    if (stat.size > MAX_DOCUMENT_BYTES) {
      throw unprocessable("document-too-large", `The file is over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
    }
    if (!(DOCUMENT_TYPES as readonly string[]).includes(stat.contentType)) {
      throw unprocessable("document-type-not-allowed", `Only ${DOCUMENT_TYPES.join(", ")} documents are kept`);
    }
    return updateRecord({
      kind: "certificate",
      recordId: certificateId,
      key: key(supplierId, certificateId),
      before,
      fields: { documentKey: k, documentName: fileName, documentType: stat.contentType, documentSize: stat.size },
      info: Info,
      reason,
    }).then(view);
  },
);

export const documentUrl = fn(z.object({ supplierId: z.string(), certificateId: z.string() }), async (k) => {
  const cert = Info.parse(await load(k.supplierId, k.certificateId));
  if (!cert.documentKey) throw notFound("no-document", "No document is attached to this certificate");
  return useDocumentStore().downloadUrl(cert.documentKey, cert.documentName ?? "certificate");
});

/**
 * Is supplier S qualified for material M on date D? Yes when the supplier is active and approved
 * (or conditionally approved) and at least one active certificate covering M — by id or by its
 * category — is valid on D (validFrom ≤ D ≤ expiresOn). Procurement blocks a receipt on "no".
 */
export const isQualified = fn(QualificationQuery, async ({ supplierId, materialId, date }): Promise<Qualification> => {
  const [supplier, material] = await Promise.all([Suppliers.get({ supplierId }), Materials.get({ materialId })]);
  const inScope = (await list({ supplierId })).filter(
    (c) =>
      c.status === "active" &&
      (c.scopeMaterialIds.includes(materialId) || c.scopeCategories.includes(material.category)),
  );
  const validOnDate = inScope.filter((c) => c.validFrom <= date && date <= c.expiresOn);
  const reasons: string[] = [];
  if (supplier.status !== "active") reasons.push("supplier-inactive");
  if (supplier.approval !== "approved" && supplier.approval !== "conditional") reasons.push("supplier-not-approved");
  if (!inScope.length) reasons.push("no-certificate-in-scope");
  else if (!validOnDate.length) {
    reasons.push(inScope.some((c) => c.expiresOn < date) ? "certificate-expired" : "certificate-not-yet-valid");
  }
  return { qualified: reasons.length === 0, reasons, certificates: validOnDate.length ? validOnDate : inScope };
});
