import { Boms } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.draftBom, ({ params, body }) => Boms.create({ ...params, ...body }));
