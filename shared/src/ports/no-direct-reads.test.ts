import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The wall behind the ports: the domain reads time and mints ids only through ports/clock.ts and
// ports/ids.ts, so a test's clock and ids reach every write.
const root = fileURLToPath(new URL("..", import.meta.url));
const ports = new Set(["ports/clock.ts", "ports/ids.ts"]);
const forbidden = [
  { what: "Date.now()", pattern: /\bDate\.now\(\)/ },
  { what: "new Date() with no argument", pattern: /\bnew Date\(\s*\)/ },
  { what: "randomUUID", pattern: /\brandomUUID\b/ },
];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });

describe("the domain's clock and ids", () => {
  it("come only from the ports: no Date.now(), new Date() or randomUUID elsewhere in shared/src", () => {
    const offences = sources(root)
      .map((path) => ({ path, file: relative(root, path).split("\\").join("/") }))
      .filter(({ file }) => !ports.has(file))
      .flatMap(({ path, file }) =>
        readFileSync(path, "utf8")
          .split("\n")
          .flatMap((line, i) =>
            forbidden.filter((f) => f.pattern.test(line)).map((f) => `shared/src/${file}:${i + 1}: ${f.what}`),
          ),
      );
    if (offences.length) console.error(`Read the clock or ids ports instead:\n${offences.join("\n")}`);
    expect(offences).toEqual([]);
  });
});
