import { Holds } from "@medloop/shared";
import { routes } from "../../capabilities/inventory.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.releaseHold, ({ params, body }) => Holds.release({ ...params, ...body }));
