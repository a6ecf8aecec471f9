import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.dictionary} · ${t.md.title}` };
}

/** The data dictionary as the API serves it, meanings in the reader's language. */
export default async function DictionaryPage() {
  const { t, locale } = await getI18n();
  const result = await loadOr(t, () => api.masterData.dataDictionary.dataDictionary());
  if ("error" in result) return result.error;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.dictionary}</p>
      <DataTable
        testId="dictionary-table"
        caption={t.md.tabs.dictionary}
        head={[c.field, c.meaning, c.type, c.required, c.unique, c.owner]}
        empty={t.md.empty}
        rows={result.data.items.map((e) => ({
          key: `${e.entity}.${e.field}`,
          attrs: { "data-field": `${e.entity}.${e.field}` },
          cells: [
            <code key="f">
              {e.entity}.{e.field}
            </code>,
            locale === "zh" ? e.meaning.zh : e.meaning.en,
            <span key="type">
              {e.type}
              {e.values && <span className="hint"> ({e.values.join(", ")})</span>}
            </span>,
            e.required ? t.md.yes : "",
            e.unique ? t.md.yes : "",
            e.owner.map((r) => t.roles[r as keyof typeof t.roles] ?? r).join(", "),
          ],
        }))}
      />
    </>
  );
}
