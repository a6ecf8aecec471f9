import { randomBytes, randomUUID } from "node:crypto";
import { maybeScope } from "../tenant/context.ts";

/** Where the domain mints ids. The scope may carry its own (a test's sequence); otherwise random ones. */
export interface Ids {
  /** A record's id; schemas parse these as UUIDs. */
  uuid(): string;
  /** A short upper-case hex code people read and type (a document number's suffix). */
  code(length: number): string;
}

export const randomIds: Ids = {
  uuid: () => randomUUID(),
  code: (length) =>
    randomBytes(Math.ceil(length / 2))
      .toString("hex")
      .slice(0, length)
      .toUpperCase(),
};

const ids = (): Ids => maybeScope()?.ids ?? randomIds;

export const uuid = (): string => ids().uuid();

/**
 * A fresh token for each committed write (see `changeAttributes.changeId`). Always random, never
 * the scope's ids: it must differ on every write even under a test's fixed sequence, and minting
 * it must not shift the ids a test predicts for its records.
 */
export const changeToken = (): string => randomIds.uuid();
export const code = (length: number): string => ids().code(length);

/** 24 unguessable characters (144 random bits, base64url) a client holds as a handle: a page cursor. */
export const secretToken = (): string => randomBytes(18).toString("base64url");

/**
 * Ids a test can predict: `<prefix>-0000-4000-8000-<n>`, still valid UUIDs. The prefix (up to 8 hex
 * digits) tells two sequences in one test apart.
 */
export function sequentialIds(prefix = "0"): Ids {
  if (!/^[0-9a-f]{1,8}$/.test(prefix)) throw new Error(`sequentialIds prefix must be 1-8 hex digits: "${prefix}"`);
  let n = 0;
  const next = () => ++n;
  return {
    uuid: () => `${prefix.padStart(8, "0")}-0000-4000-8000-${next().toString(16).padStart(12, "0")}`,
    code: (length) => next().toString(16).toUpperCase().padStart(length, "0").slice(-length),
  };
}
