import { Audit, useTenantId } from "@medloop/shared";
import { audit } from "@medloop/shared/contracts/audit";
import { latestAnchor } from "../lib/audit-anchors.ts";
import { implement } from "../lib/implement.ts";

export const handler = implement(audit.resources.audit, {
  history: ({ params, query }) => Audit.history({ ...params, ...query }),
  // Against the latest anchor: a cut-back or rewritten tail is only visible from outside the table.
  verify: async () => Audit.verifyChain(await latestAnchor(useTenantId())),
});
