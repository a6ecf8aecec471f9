import { createHash } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { forbidden, unprocessable } from "../errors/index.ts";
import { now, nowIso, nowMs } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { useActor, useTenantId } from "../tenant/context.ts";
import { type Signer, usePasswordCheck } from "./password-check.ts";
import { Signature, SignatureInput } from "./schema.ts";

export * from "./schema.ts";

/**
 * Electronic signatures (21 CFR 11.50/11.70/11.200, EU GMP Annex 11 §14): the signed-in user
 * re-enters their password at the moment of signing; the signature records the printed name, the
 * time and the meaning, and is written in the same transaction as the act it signs.
 */
/** Three wrong passwords within the window lock signing for the rest of it. */
export const MAX_FAILURES = 3;
export const LOCK_WINDOW_MS = 15 * 60 * 1000;

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
  await assertNotLocked(signer);
  const { data: user } = await Db.entities.user.get(signer).go({ consistent: true });
  if (user?.status !== "active") throw forbidden("signature-needs-user", "Only an active user can sign");
  if (!(await usePasswordCheck().verify(signer, password))) await refuse(signer);
  await Db.entities.signingLock.delete(signer).go();
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

async function assertNotLocked(signer: Signer) {
  const { data } = await Db.entities.signingLock.get(signer).go({ consistent: true });
  if (!data || data.failures < MAX_FAILURES) return;
  const lockedUntil = new Date(Date.parse(data.windowStartedAt) + LOCK_WINDOW_MS);
  if (lockedUntil.getTime() > nowMs()) {
    throw unprocessable("signature-locked", "Too many wrong passwords: signing is locked for a while", {
      lockedUntil: lockedUntil.toISOString(),
    });
  }
}

/** Count the failure (a new window when the last one is over) and refuse. */
async function refuse(signer: Signer): Promise<never> {
  const at = now();
  const { data } = await Db.entities.signingLock.get(signer).go({ consistent: true });
  const open = data && Date.parse(data.windowStartedAt) + LOCK_WINDOW_MS > at.getTime();
  const failures = open ? data.failures + 1 : 1;
  await Db.entities.signingLock
    .put({ ...signer, failures, windowStartedAt: open ? data.windowStartedAt : at.toISOString() })
    .go();
  throw unprocessable("signature-invalid", "The password is wrong: the signature was not given", {
    attemptsLeft: Math.max(MAX_FAILURES - failures, 0),
  });
}
