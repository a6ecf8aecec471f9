import { patternFor, ShippingEvents, TenantLinkEvents } from "@medloop/shared";
import { shipping as shippingContracts } from "@medloop/shared/contracts/shipping";
import { defineCapability } from "../declaration/types.ts";

export const shipping = defineCapability({
  contracts: shippingContracts,
  subscriptions: [
    {
      name: "installed-base",
      handler: "subscriptions/installed-base",
      pattern: patternFor(
        ShippingEvents.ShipmentDispatched,
        ShippingEvents.ShipmentDelivered,
        TenantLinkEvents.LinkAccepted,
      ),
      description:
        "Projects dispatched and delivered devices into the customer hospital's installed base (its own tenant), allow-listed fields only; when a hospital accepts a link, what the manufacturer had sent it before",
    },
  ],
});
