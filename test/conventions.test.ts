import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * What a newcomer must not find written twice (ARCHITECTURE.md, Data): the tenant prefix of the
 * table's keys and ElectroDB's entity attribute live in shared/src/db/keys.ts only, and no port
 * travels through `globalThis`. Scans every package's sources (tests may build raw items).
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = ["shared/src", "functions/src", "infra/src", "infra/bin", "iot", "web/src", "bench"];
const KEYS_MODULE = "shared/src/db/keys.ts";

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ["node_modules", ".next", "cdk.out", "out"].includes(e.name) ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [path] : [];
  });

const rules = [
  { what: "a tenant key prefix written by hand (use tenantKey / tenantPrefix)", pattern: /["'`]t#/ },
  { what: "ElectroDB's entity attribute read by hand (use entityOf / ENTITY_ATTRIBUTE)", pattern: /__edb_e__/ },
  { what: "a port on globalThis (ports travel in the scope)", pattern: /\bglobalThis\b/ },
];

describe("conventions", () => {
  it("keys are built in one place and no port rides on globalThis", () => {
    const offences = PACKAGES.flatMap((dir) => sources(join(ROOT, dir)))
      .map((path) => ({ path, file: relative(ROOT, path).split("\\").join("/") }))
      .filter(({ file }) => file !== KEYS_MODULE)
      .flatMap(({ path, file }) =>
        readFileSync(path, "utf8")
          .split("\n")
          .flatMap((line, i) =>
            // Comments may describe the key scheme; code may not spell it.
            /^\s*(\*|\/\/|\/\*)/.test(line)
              ? []
              : rules.filter((r) => r.pattern.test(line)).map((r) => `${file}:${i + 1}: ${r.what}`),
          ),
      );
    expect(offences).toEqual([]);
  });
});
