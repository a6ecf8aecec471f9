import { patternFor, TenantEvents } from "@medloop/shared";
import { auth as authContracts } from "@medloop/shared/contracts/auth";
import { defineCapability } from "../declaration/types.ts";

export const auth = defineCapability({
  contracts: authContracts,
  subscriptions: [
    {
      name: "identity-directory",
      handler: "subscriptions/identity-directory",
      pattern: patternFor(
        TenantEvents.UserCreated,
        TenantEvents.UserDisabled,
        TenantEvents.UserEnabled,
        TenantEvents.UserRolesChanged,
      ),
      description:
        "Keeps each user's Cognito account (sign-in name, tenant, roles, enabled) in step with the users table",
      runsOn: "cloud",
      needs: ["user-directory"],
    },
  ],
});
