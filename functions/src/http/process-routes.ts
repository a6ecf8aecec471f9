import { ProcessRoutes } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { implement } from "../lib/implement.ts";

export const handler = implement(masterData.resources.processRoutes, {
  listRoutes: async ({ params }) => ({ items: await ProcessRoutes.list(params) }),
  draftRoute: ({ params, body }) => ProcessRoutes.create({ ...params, ...body }),
  getRoute: ({ params }) => ProcessRoutes.get(params),
  editRouteDraft: ({ params, body }) => ProcessRoutes.editDraftRevision({ ...params, ...body }),
  releaseRoute: ({ params, body }) => ProcessRoutes.release({ ...params, ...body }),
  effectiveRoute: ({ params, query }) => ProcessRoutes.effectiveAt({ ...params, ...query }),
});
