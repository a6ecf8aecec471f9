import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/chain.ts";
import { nowIso } from "../ports/clock.ts";
import * as Signatures from "../signature/signatures.ts";
import { fn } from "../util/fn.ts";
import { get } from "./campaigns.ts";
import { CampaignKey, type EvidenceContent, type EvidencePack } from "./schema.ts";

export const CANONICALISATION =
  "sha256 = hex SHA-256 of the UTF-8 bytes of `content` as JSON with object keys sorted by UTF-16 code unit at every level, absent members omitted, arrays in order, no whitespace";

/** The digest of an evidence pack's content, in the canonical form above (audit/chain.ts `canonicalJson`). */
export const evidenceDigest = (content: EvidenceContent): string =>
  createHash("sha256").update(canonicalJson(content)).digest("hex");

/** Whether a pack's content is what its digest says: a regulator's (or a test's) check. */
export const verify = (pack: Pick<EvidencePack, "content" | "sha256">): boolean =>
  evidenceDigest(pack.content) === pack.sha256;

/**
 * TR-4's evidence pack for the regulator: the campaign and the signatures given on it (opening
 * and closure), the trace it came from as it was at opening, its scope with each device's state
 * history, and whom it told and when they acknowledged. `generatedAt` is outside the digest, so
 * the same campaign state always gives the same `sha256`. The portal renders the PDF from this.
 */
export const pack = fn(CampaignKey, async ({ campaignId }): Promise<EvidencePack> => {
  const detail = await get({ campaignId });
  const signatures = await Signatures.listFor(`recall-campaign/${campaignId}`);
  const { recipients, devices, ...campaign } = detail;
  const content: EvidenceContent = {
    campaign,
    signatures,
    trace: { source: campaign.source, lots: campaign.lots, serials: devices.map((d) => d.trace) },
    scope: devices,
    recipients,
  };
  return {
    format: "medloop-recall-evidence/1",
    canonicalisation: CANONICALISATION,
    generatedAt: nowIso(),
    sha256: evidenceDigest(content),
    content,
  };
});
