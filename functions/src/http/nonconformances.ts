import { Quality } from "@medloop/shared";
import { quality } from "@medloop/shared/contracts/quality";
import { implement } from "../lib/implement.ts";

const { Nonconformances } = Quality;

export const handler = implement(quality.resources.nonconformances, {
  listNonconformances: async ({ query }) => ({ items: await Nonconformances.list(query) }),
  raiseNonconformance: ({ body }) => Nonconformances.raise(body),
  getNonconformance: ({ params }) => Nonconformances.get(params),
  dispositionNonconformance: ({ params, body }) => Nonconformances.disposition({ ...params, ...body }),
});
