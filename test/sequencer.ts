import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Heaviest suites first, so the two workers never end on one long suite while the other idles:
 * portal journeys (a platform, Next.js and Chromium each), then suites on a local platform or a
 * CDK synth, then unit tests. Within a tier, vitest's own order (its timing cache when there is one).
 * A fresh clone has no cache, which is why the tiers are spelled out.
 */
const tier = (file: string) =>
  file.endsWith(".e2e.test.ts") ? 0 : file.endsWith(".int.test.ts") || file.includes("/infra/test/") ? 1 : 2;

export class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    return ordered
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => tier(a.spec.moduleId) - tier(b.spec.moduleId) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
