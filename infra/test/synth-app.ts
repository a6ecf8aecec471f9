import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapabilityDeclaration } from "@medloop/functions/declaration/index";
import { Template } from "aws-cdk-lib/assertions";
import { type BuildAppOptions, type buildApp, buildBundledApp, STACK_NAMES } from "../src/cloud/app.ts";
import { WEB_PLACEHOLDER } from "../src/cloud/web-stack.ts";

export type StackKey = keyof typeof STACK_NAMES;

export interface Synthesized {
  built: ReturnType<typeof buildApp>;
  templates: Record<StackKey, Template>;
  /** Raw template JSON, for assertions over every resource of every stack. */
  json: Record<StackKey, { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }>;
  ms: number;
  cleanup(): void;
}

interface ReportViolation {
  ruleName: string;
  description: string;
  violatingConstructs?: { constructPath?: string }[];
}

/** The unacknowledged findings of a failed synth, one line each, from the cloud assembly's report. */
export function findingsOf(outdir: string): string | undefined {
  const file = join(outdir, "validation-report.json");
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    pluginReports: { pluginName: string; violations: ReportViolation[] }[];
  };
  const lines = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      (v.violatingConstructs ?? [{}]).map(
        (c) => `${plugin.pluginName}: ${v.ruleName} at ${c.constructPath ?? "?"} — ${v.description}`,
      ),
    ),
  );
  return lines.length ? lines.join("\n") : undefined;
}

/**
 * Build and synthesise the app into a temporary directory with cdk-nag active. The web stack gets
 * the placeholder server, so a local `next build` does not change what the tests bundle.
 */
export async function synthesize(
  capabilities: readonly CapabilityDeclaration[],
  options: Omit<BuildAppOptions, "capabilities" | "outdir"> = {},
): Promise<Synthesized> {
  const outdir = mkdtempSync(join(tmpdir(), "medloop-synth-"));
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  const started = performance.now();
  const built = await buildBundledApp({ webAssetPath: WEB_PLACEHOLDER, ...options, capabilities, outdir });
  let assembly: ReturnType<typeof built.app.synth>;
  try {
    assembly = built.app.synth();
  } catch (error) {
    const findings = findingsOf(outdir);
    cleanup();
    throw new Error(findings ? `Synth failed with unacknowledged findings:\n${findings}` : (error as Error).message);
  }
  const ms = performance.now() - started;
  const json = Object.fromEntries(
    Object.entries(STACK_NAMES).map(([key, name]) => [key, assembly.getStackByName(name).template]),
  ) as Synthesized["json"];
  const templates = Object.fromEntries(
    Object.entries(json).map(([key, template]) => [key, Template.fromJSON(template)]),
  ) as Record<StackKey, Template>;
  return { built, templates, json, ms, cleanup };
}

/** Every resource of a type across all stacks, with the stack it is in. */
export function resourcesOfType(synth: Synthesized, type: string) {
  return Object.entries(synth.json).flatMap(([stack, template]) =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([logicalId, r]) => ({ stack: stack as StackKey, logicalId, properties: r.Properties ?? {} })),
  );
}
