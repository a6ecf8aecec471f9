import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The order that keeps both workers busy from the first second to the last:
 * 1. one suite on the demo seed: its platform builds the run's seeds (base, then demo on it: a
 *    minute or more on two busy cores, test/seeded-state.ts);
 * 2. the unit tests, which need no seed, on the other worker meanwhile;
 * 3. the suites on the base seed or none, heaviest first (portal journeys, then platform suites);
 * 4. the other demo-seed suites, whose seed is ready by then.
 * Heaviest first so the run never ends on one long suite while the other worker idles. Within a
 * step, vitest's own order (its timing cache, or file size in a fresh clone).
 */
const asksForDemoSeed = (file: string) => /seed: "demo"/.test(readFileSync(file, "utf8"));
const isUnit = (spec: TestSpecification) => spec.project.name === "unit";
const weight = (file: string) => (file.endsWith(".e2e.test.ts") ? 0 : 1);

export class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const demo = ordered.filter((s) => !isUnit(s) && asksForDemoSeed(s.moduleId));
    const byWeight = (specs: TestSpecification[]) =>
      specs
        .map((spec, i) => ({ spec, i }))
        .sort((a, b) => weight(a.spec.moduleId) - weight(b.spec.moduleId) || a.i - b.i)
        .map(({ spec }) => spec);
    const [seeder, ...laterDemo] = byWeight(demo);
    return [
      ...(seeder ? [seeder] : []),
      ...ordered.filter(isUnit),
      ...byWeight(ordered.filter((s) => !isUnit(s) && !demo.includes(s))),
      ...laterDemo,
    ];
  }
}
