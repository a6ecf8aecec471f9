import { Audit } from "@medloop/shared";
import { routes } from "../../capabilities/audit.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.verify, () => Audit.verifyChain());
