import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import type { LocalRoute } from "./gateway.ts";

/**
 * The platform operator's key for the local platform's own admin routes (dead letters and their
 * redrive). Those routes see every tenant's events, so no tenant token opens them; in AWS the same
 * work is done in the console under IAM. Kept in the data folder beside the signing key, printed by
 * `npm start`, never sent anywhere.
 */
export function loadOrCreateOperatorKey(dir?: string): string {
  const file = dir ? join(dir, "operator-key") : undefined;
  if (file && existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = `op_${randomBytes(24).toString("base64url")}`;
  if (dir && file) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, key, { mode: 0o600 });
  }
  return key;
}

const presents = (headers: IncomingHttpHeaders, key: string) => {
  const sent = Buffer.from(/^Bearer (.+)$/i.exec(headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(key);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
};

/** A local admin route answered only to a request carrying the operator key as its bearer token. */
export const operatorOnly =
  (key: string, route: LocalRoute): LocalRoute =>
  (url, headers) =>
    presents(headers, key)
      ? route(url, headers)
      : Promise.resolve({
          status: 401,
          body: {
            error: {
              code: "operator-key-required",
              message:
                "This is a platform operator's route: send the operator key `npm start` printed as the bearer token",
            },
          },
        });
