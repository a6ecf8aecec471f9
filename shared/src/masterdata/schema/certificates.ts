import { z } from "zod";
import { DOCUMENT_TYPES } from "../documents.ts";
import { ChangeReason, field, IsoDate, Name, RecordMeta, Status } from "./fields.ts";
import { MaterialCategory } from "./materials.ts";

export const CertificateType = z.enum([
  "iso-13485",
  "iso-9001",
  "business-licence",
  "production-licence",
  "material-approval",
  "rohs-reach",
  "biocompatibility",
]);

/** How many days before expiry a certificate shows as "expiring" (the portal warns, EW-1 will alert). */
export const EXPIRY_WARNING_DAYS = 60;

export const Info = z.object({
  certificateId: field(z.uuid(), "Certificate id (server-generated)", "证书 ID（系统生成）"),
  supplierId: field(z.uuid(), "The supplier the certificate qualifies", "所属供应商"),
  ...RecordMeta,
  code: field(RecordMeta.code, "Certificate number as printed, unique in the organisation", "证书编号，组织内唯一"),
  type: field(CertificateType, "Kind of certificate", "证书类型"),
  issuer: field(Name, "Issuing body", "发证机构"),
  scopeMaterialIds: field(z.array(z.uuid()).max(200), "Materials the certificate covers", "证书覆盖的物料"),
  scopeCategories: field(
    z.array(MaterialCategory).max(20),
    "Material categories the certificate covers",
    "证书覆盖的物料类别",
  ),
  validFrom: field(IsoDate, "First day of validity", "生效日期"),
  expiresOn: field(IsoDate, "Last day of validity", "失效日期（含当日）"),
  documentKey: field(z.string().optional(), "Where the scanned certificate is stored", "证书扫描件的存储位置"),
  documentName: field(z.string().optional(), "File name of the scanned certificate", "证书扫描件文件名"),
  documentType: field(z.string().optional(), "Content type of the scanned certificate", "证书扫描件类型"),
  documentSize: field(
    z.number().int().optional(),
    "Size of the scanned certificate in bytes",
    "证书扫描件大小（字节）",
  ),
});
export type Info = z.infer<typeof Info>;

export const Validity = z.enum(["not-yet-valid", "valid", "expiring", "expired"]);
/** A certificate as lists show it: with its validity today. */
export const View = Info.extend({ validity: Validity, daysToExpiry: z.number().int() });
export type View = z.infer<typeof View>;

export const Scope = Info.pick({ scopeMaterialIds: true, scopeCategories: true, validFrom: true, expiresOn: true });
export const Fields = Info.pick({
  type: true,
  issuer: true,
  scopeMaterialIds: true,
  scopeCategories: true,
  validFrom: true,
  expiresOn: true,
});
export const checkScope = <T extends z.infer<typeof Scope>>(s: z.ZodType<T>) =>
  s
    .refine((c) => c.scopeMaterialIds.length + c.scopeCategories.length > 0, {
      message: "name at least one material or material category the certificate covers",
      path: ["scopeMaterialIds"],
    })
    .refine((c) => c.validFrom <= c.expiresOn, { message: "must not be before validFrom", path: ["expiresOn"] });

export const DocumentUpload = z.object({ key: z.string(), url: z.url(), expiresAt: z.string() });

export const Qualification = z.object({
  qualified: z.boolean(),
  /** Why not, as machine codes: supplier-inactive, supplier-not-approved, no-certificate-in-scope, certificate-expired, certificate-not-yet-valid. */
  reasons: z.array(z.string()),
  certificates: z.array(View),
});
export type Qualification = z.infer<typeof Qualification>;

/** The bodies the API takes (the supplier and certificate come from the path). */
export const CreateBody = checkScope(Fields.extend({ code: RecordMeta.code }).strict());
export const UpdateBody = checkScope(Fields.extend({ status: Status.default("active"), ...ChangeReason }).strict());

/** Step 1 of attaching a scan: which certificate, and the file's type. */
export const StartUploadInput = z.object({
  supplierId: z.string(),
  certificateId: z.string(),
  contentType: z.enum(DOCUMENT_TYPES),
});

/** Step 2: the uploaded object's key, the file's name for downloads, and why. */
export const AttachDocumentInput = z.object({
  supplierId: z.string(),
  certificateId: z.string(),
  key: z.string().max(300),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\]+$/, "a file name without folders"),
  ...ChangeReason,
});

/** Is a supplier qualified for a material on a date (a certificate in force whose scope covers it)? */
export const QualificationQuery = z.object({ supplierId: z.string(), materialId: z.string(), date: IsoDate });
