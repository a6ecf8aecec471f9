import { Boms } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.effectiveBom, ({ params, query }) => Boms.effectiveAt({ ...params, ...query }));
