import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { searchOptions } from "./lookups";
import { TraceSearch } from "./search";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.trace.title };
}

/** TR-1/TR-2: where a trace starts — a device's UDI, or a lot. */
export default async function TracePage() {
  const { t } = await getI18n();
  return <TraceSearch t={t} {...(await searchOptions())} />;
}
