import { LOCALES, type Locale, selfName } from "@/i18n";
import { setLocale } from "@/i18n/actions";

/** One button per language; a plain form, so it also works before the page's script has loaded. */
export function LanguageSwitch({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form action={setLocale} className="lang-switch" aria-label={label}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l === "zh" ? "zh-CN" : "en"}
          aria-pressed={l === locale}
          className="lang-option"
        >
          {selfName[l]}
        </button>
      ))}
    </form>
  );
}
