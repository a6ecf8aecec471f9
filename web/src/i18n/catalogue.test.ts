import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { errorMessage, fieldMessage, format } from "./index";
import { zh } from "./zh";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Every leaf of a catalogue as `path → text`. */
function leaves(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(path, v);
    else for (const [p, t] of leaves(v, path)) out.set(p, t);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the i18n catalogues", () => {
  it("zh has exactly the keys of en, none empty, with the same placeholders", () => {
    const a = leaves(en);
    const b = leaves(zh);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, text] of a) {
      expect(text.trim(), path).not.toBe("");
      expect(b.get(path)?.trim(), path).not.toBe("");
      expect(placeholders(b.get(path) ?? ""), path).toEqual(placeholders(text));
    }
  });

  it("every error code the domain and the handlers throw has words in the catalogue", () => {
    const thrown = new Set<string>();
    for (const file of [...sources(join(ROOT, "shared/src")), ...sources(join(ROOT, "functions/src"))]) {
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(
        /\b(?:validation|unauthorized|forbidden|notFound|conflict|unprocessable)\(\s*"([a-z0-9-]+)"/g,
      )) {
        thrown.add(m[1]!);
      }
    }
    expect(thrown.size).toBeGreaterThan(5);
    expect([...thrown].filter((c) => !Object.hasOwn(en.errors, c))).toEqual([]);
  });

  it("words an error by its code, else keeps the API's message, else a generic sentence", () => {
    expect(errorMessage(zh, "email-taken", "A user with the email x exists")).toBe(zh.errors["email-taken"]);
    expect(errorMessage(en, "some-new-code", "The API's own words")).toBe("The API's own words");
    expect(errorMessage(en, undefined)).toBe(en.errors.fallback);
    expect(errorMessage(en, "toString")).toBe(en.errors.fallback);
  });

  it("words a field issue by the field's name, whatever its path", () => {
    expect(fieldMessage(zh, "body.password", "at least 12 characters")).toBe(zh.fields.password);
    expect(fieldMessage(en, "roles.0", "Invalid option")).toBe(en.fields.roles);
    expect(fieldMessage(en, "body.somethingElse", "as the API says")).toBe("as the API says");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("{name} was created.", { name: "Pat" })).toBe("Pat was created.");
    expect(format("{name} / {other}", { name: "Pat" })).toBe("Pat / {other}");
  });
});
