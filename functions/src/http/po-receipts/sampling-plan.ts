import { Sampling } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.samplingPlan, ({ query }) => Promise.resolve(Sampling.planFor(query)));
