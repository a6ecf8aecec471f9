import { Counts } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.counts, {
  enterCount: ({ body }) => Counts.enter(body),
  counts: ({ query }) => Counts.list(query),
  count: ({ params }) => Counts.get(params),
  postCount: ({ params, body }) => Counts.post({ ...params, ...body }),
});
