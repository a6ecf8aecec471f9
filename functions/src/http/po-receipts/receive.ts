import { Receiving } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.receive, ({ params, body }) => Receiving.receive({ ...params, ...body }));
