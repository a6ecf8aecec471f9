import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { canTrace } from "../../access";
import { traceNames } from "../../lookups";
import { traceReport } from "../report";
import { reportPdf } from "../report-pdf";

/**
 * TR-2's trace report on demand: the backward trace of `?udi=` as a PDF in the reader's language,
 * naming who generated it and when, with the SHA-256 of the trace data it was made from.
 */
export async function GET(request: Request) {
  const { user } = await requireUser("/trace");
  if (!canTrace(user)) return new Response("Forbidden", { status: 403 });
  const udi = new URL(request.url).searchParams.get("udi")?.trim();
  if (!udi) return new Response("Give the unit's udi", { status: 400 });
  const { t } = await getI18n();
  try {
    const [trace, names] = await Promise.all([api.traceability.trace.backward({ query: { udi } }), traceNames()]);
    const by = { organisation: user.tenantName, user: `${user.name} <${user.email}>`, at: new Date().toISOString() };
    const pdf = await reportPdf(traceReport(trace, names, t, by));
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="trace-${trace.unit.serialNo.replace(/[^\w.-]/g, "_")}.pdf"`,
      },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return new Response(e.message, { status: e.status });
    throw e;
  }
}
