import { isRoleOfKind, TenantKind } from "@medloop/shared/tenant/schema";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";

/**
 * Cognito pre-token-generation (V2) trigger: the cloud counterpart of the local token issuer.
 * It copies the user's tenant and roles from the custom attributes the directory sync maintains
 * (functions/src/lib/user-directory.ts) into the claims the handlers read (functions/src/lib/claims.ts):
 * `uid` (the Cognito username is the MedLoop user id), `tid`, `tkind`, `roles` (space-separated), in
 * both the ID and the access token. A user without a valid tenant gets no token at all.
 */
export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const attributes = event.request.userAttributes;
  const tenantId = attributes["custom:tenantId"];
  const kind = TenantKind.safeParse(attributes["custom:tenantKind"]);
  if (!tenantId || !kind.success) {
    throw new Error("This account is not assigned to an organisation");
  }
  const roles = (attributes["custom:roles"] ?? "").split(/[\s,]+/).filter((r) => isRoleOfKind(kind.data, r));
  const claims = { uid: event.userName, tid: tenantId, tkind: kind.data, roles: roles.join(" ") };
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
}
