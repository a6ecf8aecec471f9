"use server";

import { randomUUID } from "node:crypto";
import { requireManufacturer } from "@/auth";
import { ApiError, api } from "@/server/api";
import { Md } from "@/server/schemas";

/** What the import form shows: the row report (also for a refused import), or an error code. */
export type ImportState =
  | { status: "idle"; nextKey: string }
  | { status: "done"; nextKey: string; report: Md.ImportReport }
  | { status: "error"; nextKey: string; code: string; apiMessage?: string; report?: Md.ImportReport };

const MAX_FILE_BYTES = 2_000_000;

export async function runImport(_prev: ImportState, form: FormData): Promise<ImportState> {
  await requireManufacturer("/master-data/import");
  const nextKey = randomUUID();
  const kind = Md.ImportKind.safeParse(form.get("kind"));
  const mode = Md.ImportMode.safeParse(form.get("mode"));
  const file = form.get("file");
  const pasted = String(form.get("csv") ?? "");
  const csv = file instanceof File && file.size > 0 && file.size <= MAX_FILE_BYTES ? await file.text() : pasted;
  if (!kind.success || !mode.success || !csv.trim()) return { status: "error", nextKey, code: "invalid-input" };
  const key = String(form.get("idempotencyKey") ?? "");
  try {
    const report = await api.masterData.masterDataImports.importMasterData({
      body: { kind: kind.data, mode: mode.data, csv },
      idempotencyKey: /^[\w-]{8,128}$/.test(key) ? key : randomUUID(),
    });
    return { status: "done", nextKey, report };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const report = Md.ImportReport.safeParse(e.details?.report);
    return { status: "error", nextKey, code: e.code, apiMessage: e.message, report: report.data };
  }
}
