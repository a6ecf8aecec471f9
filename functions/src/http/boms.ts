import { Boms } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { implement } from "../lib/implement.ts";

export const handler = implement(masterData.resources.boms, {
  listBoms: async ({ params }) => ({ items: await Boms.list(params) }),
  draftBom: ({ params, body }) => Boms.create({ ...params, ...body }),
  getBom: ({ params }) => Boms.get(params),
  editBomDraft: ({ params, body }) => Boms.editDraftRevision({ ...params, ...body }),
  releaseBom: ({ params, body }) => Boms.release({ ...params, ...body }),
  effectiveBom: ({ params, query }) => Boms.effectiveAt({ ...params, ...query }),
});
