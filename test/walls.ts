import { existsSync } from "node:fs";
import { join } from "node:path";
import { cruise, type IForbiddenRuleType, type IReporterOutput } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

/**
 * The walls between MedLoop's layers (ARCHITECTURE.md, Layers), as dependency-cruiser rules. Why
 * dependency-cruiser rather than a lint rule on import strings: it resolves every import to the
 * file it reaches — relative paths, workspace packages, the portal's `@/` alias, re-exports — so a
 * wall cannot be climbed by spelling the import another way.
 */
/** A package's own tests may start the real engines of the local platform (ARCHITECTURE.md: real engines). */
const SOURCE = "^(?!.*\\.test\\.ts$)";
// Resolved into node_modules, or left unresolved as a bare name (a type-only import of `aws-lambda`).
const RUNTIME_PACKAGES =
  "(^|node_modules/)(@types/)?(aws-lambda|@middy|@aws-lambda-powertools|next|next-auth|react|react-dom|aedes|mqtt|aws-cdk-lib|constructs|aws-iot-device-sdk-v2)(/|$)";

export const WALLS: IForbiddenRuleType[] = [
  {
    name: "domain-is-runtime-free",
    comment: "shared/ is the domain: no Lambda, HTTP, portal, broker or CDK runtime, and no other package of MedLoop",
    severity: "error",
    from: { path: `${SOURCE}shared/src/` },
    to: { path: [RUNTIME_PACKAGES, "^(functions|infra|iot|web)/"] },
  },
  {
    name: "functions-below-infra-and-web",
    comment: "functions/ are the Lambda handlers: they never reach into the CDK app, the local runtime or the portal",
    severity: "error",
    from: { path: `${SOURCE}functions/src/` },
    to: { path: "^(infra|web)/" },
  },
  {
    name: "web-reads-contracts-and-schemas-only",
    comment:
      "the portal talks to the API: of the domain it imports contracts and zod schemas, nothing that runs a service",
    severity: "error",
    from: { path: "^web/src/" },
    to: {
      path: ["^(functions|infra|iot)/", "^shared/src/"],
      pathNot: [
        "^shared/src/contracts/",
        // Every aggregate's zod schemas are its `schema.ts` (or `schema/` folder, for master data's records).
        "^shared/src/[^/]+/schema(\\.ts|/[^/]+\\.ts)$",
        // The sampling tables of ISO 2859-1: reference data and arithmetic, no I/O; the receipt page
        // evaluates them for every AQL while the inspector chooses one.
        "^shared/src/procurement/sampling\\.ts$",
      ],
    },
  },
  {
    name: "edge-without-cloud-runtime",
    comment:
      "iot/ runs on the gateway: it shares the domain's wire contract, never the cloud's or the laptop's runtime",
    severity: "error",
    from: { path: `${SOURCE}iot/` },
    to: { path: "^(infra|functions|web)/" },
  },
  {
    name: "packages-meet-at-their-exports",
    comment: "one package reaches another as `@medloop/<package>/…`, never by a relative path into its folders",
    severity: "error",
    from: { path: "^(shared|functions|infra|iot|web)/" },
    to: { path: "^(shared|functions|infra|iot|web)/", pathNot: "^$1/", dependencyTypes: ["local"] },
  },
];

export interface WallBreach {
  rule: string;
  from: string;
  to: string;
}

/** Every import in `roots` (paths relative to `baseDir`) that breaks a wall. */
export async function breaches(baseDir: string, roots: string[]): Promise<WallBreach[]> {
  // The portal's `@/` alias, where there is a portal.
  const portalConfig = join(baseDir, "web/tsconfig.json");
  const portal = existsSync(portalConfig);
  const result: IReporterOutput = await cruise(
    roots,
    {
      baseDir,
      ruleSet: { forbidden: WALLS },
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      exclude: { path: ["\\.next/", "cdk\\.out/"] },
      ...(portal && { tsConfig: { fileName: portalConfig } }),
      // Workspace packages are reached through their `exports` (`@medloop/shared/contracts/index`).
      enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "types", "node", "default"] },
    },
    { extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".json"] },
    portal ? { tsConfig: extractTSConfig(portalConfig) } : {},
  );
  const output = result.output as Exclude<IReporterOutput["output"], string>;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}
