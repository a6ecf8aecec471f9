import { Locations } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.updateLocation, ({ params, body }) => Locations.update({ ...params, ...body }));
