import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { searchOptions } from "../../../../trace/lookups";
import { canReadEvidence } from "../evidence-access";
import { evidencePdf } from "../evidence-pdf";
import { evidenceReport } from "../evidence-report";

/**
 * TR-4's evidence pack as a PDF in the reader's language, naming who generated it and when, ending
 * with the pack's SHA-256 and how to recompute it from the JSON download.
 */
export async function GET(_request: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await ctx.params;
  const { user } = await requireUser(`/quality/recalls/${encodeURIComponent(campaignId)}`);
  if (!canReadEvidence(user)) return new Response("Forbidden", { status: 403 });
  const { t } = await getI18n();
  try {
    const [pack, customers, options] = await Promise.all([
      api.recalls.recallCampaigns.getRecallEvidence({ params: { campaignId } }),
      api.masterData.customers.list(),
      searchOptions(),
    ]);
    const labels = (list: { id: string; label: string }[]) => new Map(list.map((o) => [o.id, o.label]));
    const by = { organisation: user.tenantName, user: `${user.name} <${user.email}>`, at: new Date().toISOString() };
    const report = evidenceReport(
      pack,
      {
        customers: new Map(customers.items.map((c) => [c.customerId, c.name])),
        suppliers: labels(options.suppliers),
        materials: labels(options.materials),
      },
      t,
      by,
    );
    return new Response(new Uint8Array(await evidencePdf(report)), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="recall-${pack.content.campaign.campaignId}-evidence.pdf"`,
      },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return new Response(e.message, { status: e.status });
    throw e;
  }
}
