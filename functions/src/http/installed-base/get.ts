import { InstalledBase } from "@medloop/shared";
import { routes } from "../../capabilities/shipping.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.getInstalledDevice, ({ params }) => InstalledBase.get(params));
