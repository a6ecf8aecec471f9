import { z } from "zod";
import { Reason } from "./fields.ts";

export const ImportKind = z.enum(["materials", "suppliers", "customers"]);
export const ImportMode = z.enum(["dry-run", "all", "valid-only"]);

/** An import request: which records, how to commit, the CSV itself and why. */
export const Input = z.object({
  kind: ImportKind,
  mode: ImportMode.default("dry-run"),
  csv: z.string().min(1, "the file is empty").max(2_000_000, "at most 2 MB of CSV"),
  reason: Reason.default("CSV import"),
});

export const RowReport = z.object({
  /** Line in the file (the header is line 1). */
  line: z.number().int(),
  code: z.string().optional(),
  action: z.enum(["create", "update", "unchanged", "invalid"]),
  issues: z.array(z.object({ field: z.string(), message: z.string() })),
});
export const Report = z.object({
  kind: ImportKind,
  mode: ImportMode,
  committed: z.boolean(),
  summary: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), invalid: z.number() }),
  rows: z.array(RowReport),
});
export type Report = z.infer<typeof Report>;

/** The columns a CSV file of each kind may have (`code` is required; others may be left out). */
export const IMPORT_COLUMNS = {
  materials: ["code", "name", "category", "unit", "tracking", "shelfLifeDays", "specification"],
  suppliers: ["code", "name", "country", "contactEmail", "approval"],
  customers: ["code", "name", "type", "region", "address", "contactEmail", "tenantRef"],
} as const satisfies Record<z.infer<typeof ImportKind>, readonly string[]>;
