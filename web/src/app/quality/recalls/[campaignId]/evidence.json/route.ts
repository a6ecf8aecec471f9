import { requireUser } from "@/auth";
import { ApiError, api } from "@/server/api";
import { canReadEvidence } from "../evidence-access";

/**
 * TR-4's evidence pack as the API gives it, as a download: the JSON a regulator recomputes the
 * `sha256` from (its `canonicalisation` says how).
 */
export async function GET(_request: Request, ctx: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await ctx.params;
  const { user } = await requireUser(`/quality/recalls/${encodeURIComponent(campaignId)}`);
  if (!canReadEvidence(user)) return new Response("Forbidden", { status: 403 });
  try {
    const pack = await api.recalls.recallCampaigns.getRecallEvidence({ params: { campaignId } });
    return new Response(JSON.stringify(pack, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="recall-${pack.content.campaign.campaignId}-evidence.json"`,
      },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return new Response(e.message, { status: e.status });
    throw e;
  }
}
