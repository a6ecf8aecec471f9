import { Stock } from "@medloop/shared";
import { routes } from "../../capabilities/inventory.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.dayLedger, ({ query }) => Stock.ledgerOfDay(query));
