"use server";

import { cookies } from "next/headers";
import { auth } from "@/auth";
import { isLocale } from "./index";
import { ANON_LOCALE_COOKIE, userLocaleCookie } from "./server";

/** The language switch: remembers the choice for this user (or visitor); the page re-renders in it. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  const session = await auth();
  (await cookies()).set(session ? userLocaleCookie(session.user.userId) : ANON_LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
  });
}
