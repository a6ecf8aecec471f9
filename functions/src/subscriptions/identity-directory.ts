import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type BusEvent, Envelope, Tenants, Users, withActor } from "@medloop/shared";
import { z } from "zod";
import { logger } from "../lib/logger.ts";
import { syncUser } from "../lib/user-directory.ts";

/**
 * On every change to a user (created, disabled, enabled, roles changed), brings that user's
 * Cognito account in line with the users table. A failure throws, so EventBridge retries the
 * event and finally dead-letters it; the sync reads current state, so a retry is harmless.
 */
const UserEvent = Envelope.extend({ data: z.object({ userId: z.string() }) });

let cognito: CognitoIdentityProviderClient | undefined;

export async function handler(event: BusEvent<unknown>) {
  const poolId = process.env.COGNITO_USER_POOL_ID;
  if (!poolId) throw new Error("COGNITO_USER_POOL_ID is not set");
  const detail = UserEvent.parse(event.detail);
  const scope = { type: "system" as const, tenantId: detail.tenantId, name: "identity-directory" };
  const { user, kind } = await withActor(scope, async () => ({
    user: await Users.get({ userId: detail.data.userId }),
    kind: (await Tenants.getTenant()).kind,
  }));
  cognito ??= new CognitoIdentityProviderClient({});
  const actions = await syncUser(cognito, poolId, user, kind);
  logger.info("user directory in step", { tenantId: detail.tenantId, userId: user.userId, actions });
  return { actions };
}
