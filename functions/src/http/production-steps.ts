import { BatchReleases, FinishedGoods, InProcessQuality, MaterialIssues, Operations } from "@medloop/shared";
import { production } from "@medloop/shared/contracts/production";
import { implement } from "../lib/implement.ts";
import { configureSigning } from "../lib/signing.ts";

// In AWS the signer's password is re-checked against Cognito (locally: the users table).
configureSigning();

export const handler = implement(production.resources.productionSteps, {
  issue: ({ params, body }) => MaterialIssues.issueMaterial({ ...body, ...params }),
  report: ({ params, body }) => Operations.report({ ...body, ...params }),
  inspect: ({ params, body }) => InProcessQuality.inspect({ ...body, ...params }),
  raiseNc: ({ params, body }) => InProcessQuality.raise({ ...body, ...params }),
  disposition: ({ params, body }) => InProcessQuality.disposition({ ...body, ...params }),
  release: ({ params, body }) => BatchReleases.releaseBatch({ ...body, ...params }),
  receive: ({ params, body }) => FinishedGoods.receiveFinished({ ...body, ...params }),
});
