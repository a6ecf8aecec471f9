import { z } from "zod";
import { gs1CheckDigit } from "../../udi/check-digit.ts";
import { parseUdi } from "../../udi/parse.ts";
import { ChangeReason, field, Name, RecordMeta, Status, Text } from "./fields.ts";

/**
 * A UDI-DI is a GTIN (8, 12, 13 or 14 digits), kept as GTIN-14 so the same device cannot be entered
 * twice under two lengths. It must carry a valid GS1 check digit and read as AI (01) in a UDI.
 */
export const UdiDi = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(s)) {
      ctx.addIssue({ code: "custom", message: "a GTIN: 8, 12, 13 or 14 digits" });
      return z.NEVER;
    }
    const gtin = s.padStart(14, "0");
    const expected = gs1CheckDigit(gtin.slice(0, -1));
    if (expected !== gtin.slice(-1)) {
      ctx.addIssue({ code: "custom", message: `wrong GS1 check digit: ${gtin.slice(-1)}, expected ${expected}` });
      return z.NEVER;
    }
    const parsed = parseUdi(`(01)${gtin}`);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: `not a valid UDI device identifier: ${parsed.message}` });
      return z.NEVER;
    }
    return gtin;
  })
  // What it becomes, stated for the API reference (a transform alone documents no output type).
  .pipe(z.string().regex(/^\d{14}$/));

/** Risk class as the registration states it (NMPA I/II/III, EU MDR I/IIa/IIb/III). */
export const DeviceClass = z.enum(["I", "II", "IIa", "IIb", "III"]);

export const Info = z.object({
  productId: field(z.uuid(), "Product id (server-generated)", "产品 ID（系统生成）"),
  ...RecordMeta,
  name: field(Name, "Device model name", "器械型号名称"),
  udiDi: field(
    UdiDi,
    "UDI device identifier (GTIN-14), unique in the organisation",
    "UDI 产品标识（GTIN-14），组织内唯一",
  ),
  deviceClass: field(DeviceClass, "Regulatory risk class", "管理类别（风险等级）"),
  gmdnCode: field(
    z
      .string()
      .regex(/^\d{5}$/, "5 digits")
      .optional(),
    "GMDN term code",
    "GMDN 术语编码",
  ),
  modelNumber: field(Name, "Model number as on the registration", "注册证上的型号"),
  modelVersion: field(
    z.string().trim().min(1).max(40),
    "Device model version (hardware/software revision)",
    "型号版本（软硬件版本）",
  ),
  tracking: field(
    z.enum(["lot", "serial"]),
    "Whether units are traced by lot or by serial number",
    "按批次或序列号追溯",
  ),
  description: field(Text.optional(), "Intended use / description", "预期用途 / 描述"),
  warrantyMonths: field(
    z.number().int().min(0).max(240).optional(),
    "Warranty in months from delivery to the customer",
    "保修期（月），自交付客户之日起算",
  ),
  serviceContact: field(
    z.string().trim().min(3).max(200).optional(),
    "Service contact the customer is given (hotline, e-mail)",
    "提供给客户的售后服务联系方式（热线、邮箱）",
  ),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({
  name: true,
  deviceClass: true,
  gmdnCode: true,
  modelNumber: true,
  modelVersion: true,
  tracking: true,
  description: true,
  warrantyMonths: true,
  serviceContact: true,
});

/** What creates one: its fields and a code that must be new (and what it names on creation). */
export const CreateInput = Fields.extend({ code: RecordMeta.code, udiDi: UdiDi }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  productId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
