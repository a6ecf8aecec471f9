import "server-only";
import { notFound } from "next/navigation";
import { type Catalogue, errorMessage } from "@/i18n";
import { ApiError } from "./api";

/**
 * A page's read: its answer, or the API's refusal (4xx) in the user's words to show in place.
 * A 5xx or a bug propagates to the error page.
 */
export async function readOrRefusal<T>(
  t: Pick<Catalogue, "errors">,
  read: Promise<T>,
): Promise<{ value: T; refusal?: undefined } | { value?: undefined; refusal: string }> {
  try {
    return { value: await read };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status >= 500) throw e;
    return { refusal: errorMessage(t, e.code, e.message) };
  }
}

/**
 * A record page's read: like `readOrRefusal`, but a record that is not there — or an id that
 * cannot be one (`invalid-input`) — is the 404 page, as for a path that does not exist.
 */
export async function readRecord<T>(t: Pick<Catalogue, "errors">, read: Promise<T>) {
  return readOrRefusal(
    t,
    read.catch((e: unknown) => {
      if (e instanceof ApiError && (e.status === 404 || e.code === "invalid-input")) notFound();
      throw e;
    }),
  );
}
