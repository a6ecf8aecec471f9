import { patternFor, TenantLinkEvents } from "@medloop/shared";
import { tenantAdmin as tenantAdminContracts } from "@medloop/shared/contracts/tenant-admin";
import { defineCapability } from "../declaration/types.ts";

const { LinkInvited, LinkAccepted, LinkRefused, LinkRevoked } = TenantLinkEvents;

export const tenantAdmin = defineCapability({
  contracts: tenantAdminContracts,
  subscriptions: [
    {
      name: "tenant-links",
      handler: "subscriptions/tenant-links",
      pattern: patternFor(LinkInvited, LinkAccepted, LinkRefused, LinkRevoked),
      description:
        "Mirrors a change to one side of a tenant link into the partner's side, as the partner (its own partition)",
    },
  ],
});
