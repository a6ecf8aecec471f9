import { Audit } from "@medloop/shared";
import { audit } from "@medloop/shared/contracts/audit";
import { implement } from "../lib/implement.ts";

export const handler = implement(audit.resources.audit, {
  history: ({ params, query }) => Audit.history({ ...params, ...query }),
  verify: () => Audit.verifyChain(),
});
