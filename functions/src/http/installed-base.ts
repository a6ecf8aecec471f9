import { InstalledBase } from "@medloop/shared";
import { shipping } from "@medloop/shared/contracts/shipping";
import { implement } from "../lib/implement.ts";

export const handler = implement(shipping.resources.installedBase, {
  listInstalledBase: ({ query }) => InstalledBase.list(query),
  getInstalledDevice: ({ params }) => InstalledBase.get(params),
});
