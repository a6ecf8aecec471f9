import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapabilityDeclaration } from "@medloop/functions/declaration/index";
import { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { type BuildAppOptions, type buildApp, buildBundledApp, STACK_NAMES } from "../src/cloud/app.ts";
import { WEB_PLACEHOLDER } from "../src/cloud/web-stack.ts";

export type StackKey = keyof typeof STACK_NAMES;

export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

/** One template CloudFormation deploys: a stack of STACK_NAMES or a nested stack inside one. */
export interface DeployedTemplate {
  /** The stack it is deployed with; a nested stack counts with its top-level stack. */
  stack: StackKey;
  /** Construct path: `MedLoop-Api` for a stack, `MedLoop-Api/MasterDataRoutes` for a nested one. */
  path: string;
  template: TemplateJson;
  bytes: number;
}

export interface Synthesized {
  built: ReturnType<typeof buildApp>;
  /** Per stack, with the resources of its nested stacks merged in (a route is in the api stack). */
  templates: Record<StackKey, Template>;
  /** The same merged view as raw JSON; nested resources are keyed `<nested path>/<logical id>`. */
  json: Record<StackKey, TemplateJson>;
  /** Every template as deployed, for CloudFormation's per-template limits. */
  deployed: DeployedTemplate[];
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
  const deployed = deployedTemplates(built, assembly.directory);
  const json = Object.fromEntries(
    Object.keys(STACK_NAMES).map((key) => [key, mergedTemplate(deployed.filter((d) => d.stack === key))]),
  ) as Synthesized["json"];
  const templates = Object.fromEntries(
    Object.entries(json).map(([key, template]) => [key, Template.fromJSON(template)]),
  ) as Record<StackKey, Template>;
  return { built, templates, json, deployed, ms, cleanup };
}

/** Every stack in the construct tree, nested ones included, read back from the cloud assembly. */
function deployedTemplates(built: ReturnType<typeof buildApp>, directory: string): DeployedTemplate[] {
  const keyOf = new Map(Object.entries(STACK_NAMES).map(([key, name]) => [name as string, key as StackKey]));
  return built.app.node
    .findAll()
    .filter(Stack.isStack)
    .map((stack) => {
      let top = stack;
      while (top.nestedStackParent) top = top.nestedStackParent;
      const file = join(directory, stack.templateFile);
      return {
        stack: keyOf.get(top.stackName)!,
        path: stack.node.path,
        template: JSON.parse(readFileSync(file, "utf8")) as TemplateJson,
        bytes: statSync(file).size,
      };
    });
}

/** A stack's template with its nested stacks' resources added under `<nested path>/<logical id>`. */
function mergedTemplate(parts: DeployedTemplate[]): TemplateJson {
  const [top, ...nested] = [...parts].sort((a, b) => a.path.length - b.path.length);
  const resources = { ...top!.template.Resources };
  for (const part of nested) {
    for (const [logicalId, resource] of Object.entries(part.template.Resources)) {
      resources[`${part.path}/${logicalId}`] = resource;
    }
  }
  return { ...top!.template, Resources: resources };
}

/** Every resource of a type in every deployed template, with its stack and the template it is in. */
export function resourcesOfType(synth: Synthesized, type: string) {
  return synth.deployed.flatMap(({ stack, path, template }) =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([logicalId, r]) => ({ stack, template: path, logicalId, properties: r.Properties ?? {} })),
  );
}
