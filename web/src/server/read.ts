import "server-only";
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
