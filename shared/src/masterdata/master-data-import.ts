import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { commit } from "../db/commit.ts";
import { forbidden, unprocessable, validation } from "../errors/index.ts";
import { useActor, useScope, withScope } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { writers } from "./access.ts";
import * as Customers from "./customers.ts";
import * as Materials from "./materials.ts";
import { type Item, idOfCode, loadRecord, type Plan, type RecordEntity } from "./records.ts";
import { IMPORT_COLUMNS, Input, type Report, type RowReport } from "./schema/import.ts";
import * as Suppliers from "./suppliers.ts";

export * from "./schema/import.ts";

/**
 * INT-2: CSV import of master data with a per-row report. Every row is validated (schema, codes
 * repeated in the file, the record it would update) before anything is written; then
 * - `dry-run` writes nothing and answers the report;
 * - `all` writes every row in ONE transaction, or nothing at all if any row is invalid (422 with the report);
 * - `valid-only` writes the valid rows in one transaction and reports the others.
 * Rows are matched to records by business code: a new code creates, a known code with different
 * values updates (a new version, the import's reason), identical values change nothing — so
 * importing the same file twice writes nothing the second time.
 *
 * One transaction holds at most 100 items and a created row takes four (code, record, version,
 * event), so one commit writes at most MAX_CHANGED_ROWS changed rows; unchanged rows do not count,
 * and a bigger change is split into several files. All-or-nothing is kept rather than chunked
 * commits that could leave half a file written.
 */
export const MAX_CHANGED_ROWS = 24;
export const MAX_ROWS = 2000;

const kinds = {
  materials: {
    entity: "material",
    columns: IMPORT_COLUMNS.materials,
    numeric: ["shelfLifeDays"],
    input: Materials.CreateInput,
    fields: Materials.Fields,
    planNew: Materials.planNew,
    planChange: Materials.planChange,
    idField: "materialId",
  },
  suppliers: {
    entity: "supplier",
    columns: IMPORT_COLUMNS.suppliers,
    numeric: [],
    input: Suppliers.CreateInput,
    fields: Suppliers.Fields,
    planNew: Suppliers.planNew,
    planChange: Suppliers.planChange,
    idField: "supplierId",
  },
  customers: {
    entity: "customer",
    columns: IMPORT_COLUMNS.customers,
    numeric: [],
    input: Customers.CreateInput,
    fields: Customers.Fields,
    planNew: Customers.planNew,
    planChange: Customers.planChange,
    idField: "customerId",
  },
} as const;

function readCsv(csv: string, columns: readonly string[]): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    throw validation("invalid-csv", `The file is not valid CSV: ${(e as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw validation("invalid-csv", "The file has no header line");
  const unknown = header.filter((h) => !columns.includes(h));
  if (unknown.length || !header.includes("code")) {
    throw validation(
      "invalid-csv-header",
      `The header must name columns from: ${columns.join(", ")} (code is required)${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  }
  if (rows.length > MAX_ROWS) throw validation("import-too-large", `At most ${MAX_ROWS} rows per file`);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

export const run = fn(Input, async ({ kind, mode, csv, reason }): Promise<Report> => {
  const spec = kinds[kind];
  const actor = useActor();
  const allowed: readonly string[] = writers[spec.entity];
  if (actor.type === "user" && !actor.roles.some((r) => allowed.includes(r))) {
    throw forbidden("role-not-allowed", `Importing ${kind} needs one of the roles: ${allowed.join(", ")}`);
  }
  const rows = readCsv(csv, spec.columns);
  const seen = new Map<string, number>();
  const plans: { line: number; plan: Plan<unknown> }[] = [];
  const report: z.infer<typeof RowReport>[] = [];

  for (const [i, raw] of rows.entries()) {
    const line = i + 2;
    // Empty cells are absent values; numeric columns are numbers (a bad one stays text and fails validation).
    const values: Item = {};
    for (const [k, v] of Object.entries(raw)) {
      if (v === "") continue;
      values[k] = (spec.numeric as readonly string[]).includes(k) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    }
    const parsed = spec.input.safeParse(values);
    if (!parsed.success) {
      report.push({
        line,
        code: raw.code || undefined,
        action: "invalid",
        issues: parsed.error.issues.map((x) => ({ field: x.path.join(".") || "row", message: x.message })),
      });
      continue;
    }
    const input = parsed.data;
    const firstLine = seen.get(input.code);
    if (firstLine) {
      report.push({
        line,
        code: input.code,
        action: "invalid",
        issues: [{ field: "code", message: `the code ${input.code} is already on line ${firstLine}` }],
      });
      continue;
    }
    seen.set(input.code, line);
    const id = await idOfCode(spec.entity, input.code);
    if (!id) {
      plans.push({ line, plan: spec.planNew(input as never) });
      report.push({ line, code: input.code, action: "create", issues: [] });
      continue;
    }
    const before = await loadRecord(spec.entity as RecordEntity, { [spec.idField]: id }, spec.entity);
    const { code: _code, ...fields } = input;
    // Columns left out of the file keep their values; the ones given replace them.
    const given = Object.fromEntries(
      Object.keys(spec.fields.shape)
        .filter((k) => raw[k] !== undefined)
        .map((k) => [k, (fields as Item)[k]]),
    );
    const plan = spec.planChange(before, given, reason);
    if (plan) plans.push({ line, plan });
    report.push({ line, code: input.code, action: plan ? "update" : "unchanged", issues: [] });
  }

  const count = (a: z.infer<typeof RowReport>["action"]) => report.filter((r) => r.action === a).length;
  const summary = {
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    invalid: count("invalid"),
  };
  const result = (committed: boolean): Report => ({ kind, mode, committed, summary, rows: report });

  if (mode === "dry-run") return result(false);
  if (mode === "all" && summary.invalid) {
    throw unprocessable(
      "import-has-invalid-rows",
      `${summary.invalid} row(s) are invalid, so nothing was imported; fix them or import the valid rows only`,
      { report: result(false) },
    );
  }
  if (!plans.length) return result(true);
  if (plans.length > MAX_CHANGED_ROWS) {
    throw unprocessable(
      "import-too-many-changes",
      `${plans.length} rows would change; one import changes at most ${MAX_CHANGED_ROWS} — split the file`,
      { report: result(false) },
    );
  }
  // The offsets of each row's writes, to name the row whose guard failed (a code taken meanwhile).
  const starts: number[] = [];
  return withScope({ ...useScope(), reason }, () =>
    commit({
      writes: (e) => {
        const items: unknown[] = [];
        for (const { plan } of plans) {
          starts.push(items.length);
          items.push(...plan.writes(e));
        }
        return items;
      },
      events: plans.map((p) => p.plan.event),
      result: result(true),
      conditionFailed: (index) => {
        const row = starts.findLastIndex((s) => s <= index);
        const hit = plans[row];
        const error = hit?.plan.conditionFailed(index - starts[row]!);
        return unprocessable(
          "import-conflict",
          `Line ${hit?.line}: ${error?.message ?? "changed meanwhile"}; nothing was imported — run it again`,
        );
      },
    }),
  );
});
