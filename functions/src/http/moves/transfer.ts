import { Moves } from "@medloop/shared";
import { routes } from "../../capabilities/inventory.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.transfer, ({ body }) => Moves.transfer(body));
