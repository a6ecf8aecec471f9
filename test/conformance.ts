import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import type { z } from "zod";

/** The team's third-party vectors, in `../shared/conformance` beside the checkout (not part of the repository). */
const dir = new URL("../../shared/conformance/", import.meta.url);

/**
 * A suite over one file of conformance vectors. Where the file is absent — a clone without the
 * team's folder beside it — the suite says so by name and does not run; in CI (which always has
 * the folder) an absent file fails the run instead of passing it quietly.
 */
export function conformanceSuite<S extends z.ZodType>(
  title: string,
  file: string,
  schema: S,
  body: (vectors: z.infer<S>) => void,
): void {
  const path = fileURLToPath(new URL(file, dir));
  if (!existsSync(path)) {
    const why = `the conformance vectors ../shared/conformance/${file} are absent beside this checkout`;
    if (process.env.CI) throw new Error(`${title}: ${why}; CI runs with the team's shared folder beside the clone`);
    describe.skip(`${title} — not run: ${why}`, () => {
      it(`needs ${file}`, () => undefined);
    });
    return;
  }
  describe(title, () => body(schema.parse(JSON.parse(readFileSync(path, "utf8")))));
}
