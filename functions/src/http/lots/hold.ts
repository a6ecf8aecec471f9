import { Holds } from "@medloop/shared";
import { routes } from "../../capabilities/inventory.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.hold, ({ params, body }) => Holds.hold({ ...params, ...body }));
