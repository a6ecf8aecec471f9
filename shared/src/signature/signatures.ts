import { createHash } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { forbidden, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { useActor, useTenantId } from "../tenant/context.ts";
import * as Lockout from "../tenant/lockout.ts";
import { usePasswordCheck } from "./password-check.ts";
import { Signature, SignatureInput } from "./schema.ts";

export * from "./schema.ts";

/**
 * Electronic signatures (21 CFR 11.50/11.70/11.200, EU GMP Annex 11 §14): the signed-in user
 * re-enters their password at the moment of signing; the signature records the printed name, the
 * time and the meaning, and is written in the same transaction as the act it signs.
 */
/** Wrong passwords here count towards the same lockout as sign-in's (tenant/lockout.ts). */

/** `purchase-order/<id>/receipt/<rid>` is signed on the record `purchase-order/<id>`. */
const Subject = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\/[^/\s]+(\/[^\s]+)?$/, "a subject is <kind>/<id>[/<part>…]")
  .max(300);
const recordOf = (subject: string) => subject.split("/").slice(0, 2).join("/");

/**
 * Check the signer's password and return the signature for the caller to commit with its act
 * (`Signatures.write`). `content` is what is being signed; its hash binds the signature to it.
 */
export async function sign(input: SignatureInput, subject: string, content?: unknown): Promise<Signature> {
  const { password, meaning, statement } = SignatureInput.parse(input);
  Subject.parse(subject);
  const actor = useActor();
  if (actor.type !== "user") throw forbidden("signature-needs-user", "Only a person can sign");
  const signer = { tenantId: actor.tenantId, userId: actor.userId };
  const lock = await Lockout.state(signer.userId);
  if (lock.lockedUntil) {
    throw unprocessable("account-locked", "Too many wrong passwords: this account is locked for a while", {
      lockedUntil: lock.lockedUntil,
    });
  }
  const { data: user } = await Db.entities.user.get(signer).go({ consistent: true });
  if (user?.status !== "active") throw forbidden("signature-needs-user", "Only an active user can sign");
  if (!(await usePasswordCheck().verify(signer, password))) {
    const attemptsLeft = await Lockout.recordFailure({ userId: user.userId, email: user.email });
    throw unprocessable("signature-invalid", "The password is wrong: the signature was not given", { attemptsLeft });
  }
  if (lock.failures) await Lockout.clear(signer.userId);
  const signedAt = nowIso();
  return {
    signatureId: uuid(),
    subject,
    signerId: user.userId,
    signerName: user.name,
    signerEmail: user.email,
    meaning,
    statement,
    contentHash: content === undefined ? undefined : createHash("sha256").update(JSON.stringify(content)).digest("hex"),
    signedAt,
    manifest: `${user.name} <${user.email}> · ${signedAt} · ${meaning}`,
  };
}

type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

/** The signature's write, for the transaction of the act it signs. */
export const write = (sig: Signature) => (e: Entities) =>
  e.signature
    .create({
      tenantId: useTenantId(),
      record: recordOf(sig.subject),
      signatureId: sig.signatureId,
      subject: sig.subject,
      signerId: sig.signerId,
      signerName: sig.signerName,
      signerEmail: sig.signerEmail,
      meaning: sig.meaning,
      statement: sig.statement,
      contentHash: sig.contentHash,
      signedAt: sig.signedAt,
    })
    .commit();

/** The signatures given on one record (`purchase-order/<id>`), oldest first. */
export async function listFor(record: string): Promise<Signature[]> {
  const { data } = await Db.entities.signature.query
    .byRecord({ tenantId: useTenantId(), record: recordOf(record) })
    .go({ pages: "all" });
  return data.map((s) =>
    Signature.parse({ ...s, manifest: `${s.signerName} <${s.signerEmail}> · ${s.signedAt} · ${s.meaning}` }),
  );
}
