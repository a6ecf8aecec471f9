import { FinishedGoods } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.receive, ({ params, body }) =>
  FinishedGoods.receiveFinished({ ...body, ...params }),
);
