import { z } from "zod";
import { secret } from "../util/text.ts";

export const SignatureMeaning = z.enum(["approved", "released", "reviewed", "override", "verified"]);
export type SignatureMeaning = z.infer<typeof SignatureMeaning>;

export const SignatureInput = z
  .object({
    password: secret(z.string().min(1, "re-enter your password to sign").max(200)),
    meaning: SignatureMeaning,
    statement: z.string().trim().max(500).optional(),
  })
  .strict();
export type SignatureInput = z.infer<typeof SignatureInput>;

export const Signature = z.object({
  signatureId: z.uuid(),
  subject: z.string(),
  signerId: z.string(),
  signerName: z.string(),
  signerEmail: z.string(),
  meaning: SignatureMeaning,
  statement: z.string().optional(),
  contentHash: z.string().optional(),
  signedAt: z.iso.datetime(),
  /** What a record shows of the signature: printed name, time and meaning (11.50). */
  manifest: z.string(),
});
export type Signature = z.infer<typeof Signature>;
