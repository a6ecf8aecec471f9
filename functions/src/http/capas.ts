import { Quality } from "@medloop/shared";
import { quality } from "@medloop/shared/contracts/quality";
import { implement } from "../lib/implement.ts";

const { Capas } = Quality;

export const handler = implement(quality.resources.capas, {
  listCapas: async ({ query }) => ({ items: await Capas.list(query) }),
  openCapa: ({ body }) => Capas.open(body),
  getCapa: ({ params }) => Capas.get(params),
  recordRootCause: ({ params, body }) => Capas.recordRootCause({ ...params, ...body }),
  addCapaAction: ({ params, body }) => Capas.addAction({ ...params, ...body }),
  completeCapaAction: ({ params, body }) => Capas.completeAction({ ...params, ...body }),
  checkCapaEffectiveness: ({ params, body }) => Capas.checkEffectiveness({ ...params, ...body }),
  closeCapa: ({ params, body }) => Capas.close({ ...params, ...body }),
});
