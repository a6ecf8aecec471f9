import { Trace } from "@medloop/shared";
import { routes } from "../../capabilities/traceability.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.backward, ({ query }) =>
  Trace.backward(query.udi ? { udi: query.udi } : { productId: query.productId!, serialNo: query.serialNo! }),
);
