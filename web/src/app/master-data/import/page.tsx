import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { Md } from "@/server/schemas";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.import} · ${t.md.title}` };
}

/** CSV import of materials, suppliers and customers, with the per-row report. */
export default async function ImportPage() {
  const { t } = await getI18n();
  return (
    <>
      <p className="lead">{t.md.lead.import}</p>
      <ImportForm initialKey={randomUUID()} columns={Md.IMPORT_COLUMNS} t={{ md: t.md, errors: t.errors }} />
    </>
  );
}
