import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { auth } from "@/auth";
import { catalogues, isLocale, type Locale } from "./index";

/** Anonymous visitors (the sign-in page) keep their choice here. */
export const ANON_LOCALE_COOKIE = "medloop-locale";
/** A signed-in user's choice is kept per user, so a shared browser does not mix people's languages. */
export const userLocaleCookie = (userId: string) => `medloop-locale-${userId}`;

/**
 * The language of this request: the user's own choice (cookie), else the locale of their profile;
 * before sign-in, the visitor's choice, else the browser's preference.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const jar = await cookies();
  const session = await auth();
  if (session) {
    const chosen = jar.get(userLocaleCookie(session.user.userId))?.value;
    return isLocale(chosen) ? chosen : session.user.locale;
  }
  const chosen = jar.get(ANON_LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^\s*zh\b/i.test(accept) ? "zh" : "en";
});

export async function getI18n() {
  const locale = await getLocale();
  return { locale, t: catalogues[locale] };
}
