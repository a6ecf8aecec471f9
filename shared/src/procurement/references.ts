import { DomainError, unprocessable } from "../errors/index.ts";

/** A master record the request names that does not exist is the request's fault (422), not a missing page. */
export async function referenced<T>(load: () => Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof DomainError && e.kind === "not-found") throw unprocessable(code, message);
    throw e;
  }
}
