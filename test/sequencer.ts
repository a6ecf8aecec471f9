import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The order that keeps both workers busy from the first second to the last:
 * 1. one suite on the demo seed: its platform builds the run's seeds (base, then demo on it: a
 *    minute or two on two busy cores, test/seeded-state.ts) while the other worker runs
 * 2. the unit tests, then
 * 3. the suites that need no seed (their own table, a synth): the seeds are ready after them;
 * 4. the suites on the base seed, heaviest first (portal journeys, then platform suites);
 * 5. the other demo-seed suites.
 * Heaviest first so the run never ends on one long suite while the other worker idles. Within a
 * step, vitest's own order (its timing cache, or file size in a fresh clone).
 */
type Seed = "none" | "base" | "demo";
function seedOf(file: string): Seed {
  const text = readFileSync(file, "utf8");
  if (/seed: "demo"/.test(text)) return "demo";
  return /startTestPlatform\(|portalJourney\(/.test(text) && !/seed: false/.test(text) ? "base" : "none";
}
const isUnit = (spec: TestSpecification) => spec.project.name === "unit";
const weight = (file: string) => (file.endsWith(".e2e.test.ts") ? 0 : 1);

export class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const platform = ordered.filter((s) => !isUnit(s)).map((spec) => ({ spec, seed: seedOf(spec.moduleId) }));
    const needing = (seed: Seed) =>
      platform
        .filter((p) => p.seed === seed)
        .map(({ spec }, i) => ({ spec, i }))
        .sort((a, b) => weight(a.spec.moduleId) - weight(b.spec.moduleId) || a.i - b.i)
        .map(({ spec }) => spec);
    const [seeder, ...laterDemo] = needing("demo");
    return [
      ...(seeder ? [seeder] : []),
      ...ordered.filter(isUnit),
      ...needing("none"),
      ...needing("base"),
      ...laterDemo,
    ];
  }
}
