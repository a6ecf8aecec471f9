import { type Catalogue, en } from "./en";
import { zh } from "./zh";

export type { Catalogue };
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const catalogues: Record<Locale, Catalogue> = { en, zh };

/** `<html lang>` value of each catalogue. */
export const htmlLang: Record<Locale, string> = { en: "en", zh: "zh-CN" };
/** Each language names itself in the switch, whatever the current language. */
export const selfName: Record<Locale, string> = { en: "English", zh: "中文" };

export const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

/** Fills `{name}` placeholders. */
export const format = (message: string, vars: Record<string, string | number>) =>
  message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));

/** The one place an API or sign-in error code becomes words; the API's own message is the fallback. */
export function errorMessage(
  t: Pick<Catalogue, "errors">,
  code: string | undefined | null,
  apiMessage?: string,
): string {
  if (code && Object.hasOwn(t.errors, code)) return t.errors[code as keyof Catalogue["errors"]];
  return apiMessage || t.errors.fallback;
}

/** A field issue (`body.password`, `roles.0`) in words: by the field's name, else the API's message. */
export function fieldMessage(t: Pick<Catalogue, "fields">, path: string, apiMessage: string): string {
  const field = path
    .split(".")
    .filter((s) => s !== "body" && !/^\d+$/.test(s))
    .at(-1);
  if (field && Object.hasOwn(t.fields, field)) return t.fields[field as keyof Catalogue["fields"]];
  return apiMessage;
}
