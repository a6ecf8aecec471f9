import { z } from "zod";
import { Reason } from "../../tenant/schema.ts";

/**
 * Building blocks of every master-data schema. A field's `meta` carries its meaning in English and
 * Chinese: the data dictionary (data-dictionary.ts) is generated from these, so it cannot drift. The
 * Chinese travels into JSON Schema and OpenAPI as the extension `x-zh` (OpenAPI allows extra
 * keywords only with the `x-` prefix).
 */
export interface FieldMeta {
  description: string;
  "x-zh": string;
}
export const field = <S extends z.ZodType>(schema: S, description: string, zh: string) =>
  schema.meta({ description, "x-zh": zh } satisfies FieldMeta);

export { Reason };

/** A business code: trimmed and upper-cased so that "ab-1" and " AB-1" cannot become two records. */
export const Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, "1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit");

export const Name = z.string().trim().min(1, "required").max(200);
export const Text = z.string().trim().max(2000);
export const IsoDate = z.iso.date("a date as YYYY-MM-DD");
export const Status = z.enum(["active", "inactive"]);

/** What every record reports about itself besides its fields. */
export const RecordMeta = {
  code: field(
    Code,
    "Business code, unique in the organisation for this kind of record",
    "业务编码，在本组织同类记录中唯一",
  ),
  status: field(
    Status,
    "Active records can be used in new transactions; inactive ones are kept for history",
    "状态：启用的记录可用于新业务，停用的仅保留历史",
  ),
  version: field(z.number().int().min(1), "Version number, +1 on every change", "版本号，每次变更加一"),
  changedAt: field(z.string().optional(), "When the record last changed (UTC)", "最后变更时间（UTC）"),
  changedBy: field(z.string().optional(), "Who last changed it", "最后变更人"),
};

/** A change to an existing record says why (recorded in its version history and the audit trail). */
export const ChangeReason = { reason: field(Reason, "Why the change is made", "变更原因") };

/** One entry of a record's history: the record as it was after that change. */
export const versionOf = <S extends z.ZodType>(record: S) =>
  z.object({
    version: z.number().int(),
    change: z.enum(["created", "updated"]),
    reason: z.string(),
    changedAt: z.string(),
    changedBy: z.string(),
    record,
  });

export const Page = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) });
