import { Db } from "../db/service.ts";
import { decoyHash, verifyPassword } from "../tenant/password.ts";

/** Who re-enters their password to sign: a user of the ambient tenant. */
export interface Signer {
  tenantId: string;
  userId: string;
}

/**
 * Where a signer's password is checked, as a port. Locally the users table holds the password
 * hash; in AWS people sign in through Cognito, which holds it (functions/src/lib/signing.ts).
 */
export interface PasswordCheck {
  verify(signer: Signer, password: string): Promise<boolean>;
}

/** The local check, against the hash in the users table. */
export const tablePasswordCheck: PasswordCheck = {
  async verify({ tenantId, userId }, password) {
    const { data } = await Db.entities.user.get({ tenantId, userId }).go({ consistent: true });
    return verifyPassword(password, data?.passwordHash ?? (await decoyHash()));
  },
};

let check: PasswordCheck = tablePasswordCheck;

export function configurePasswordCheck(next: PasswordCheck): void {
  check = next;
}

export const usePasswordCheck = (): PasswordCheck => check;
