import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapabilityDeclaration } from "@medloop/functions/declaration/types";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { handlerEntry, handlerId, REPO_ROOT } from "./common.ts";
import { namespaceImports } from "./namespace-imports.ts";

/**
 * zod 4 re-exports every message locale (`z.locales`): about 260 KB of each bundle. MedLoop uses
 * only the English messages zod applies by default (the portal translates by error code), so
 * `z.locales` is cut down to English.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: "zod-locales-en", namespace: "zod-english-only", pluginData: args.resolveDir }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: 'export { default as en } from "../locales/en.js";',
      resolveDir: args.pluginData as string,
    }));
  },
};

/**
 * ElectroDB checks every entity model against a JSON schema (the `jsonschema` package) when the
 * entity is built: about a third of a handler's cold start when every entity was built at load
 * (measured with --cpu-prof: about 80 ms of 250). The models are plain constants: the tests and the
 * local platform build them unbundled, with the check, so a Lambda bundle skips it (and leaves the
 * checker out). The plugin fails the build if ElectroDB's source no longer has the shape it
 * rewrites, rather than silently not skipping.
 */
const electrodbModelsCheckedInTests: Plugin = {
  name: "electrodb-models-checked-in-tests",
  setup(b) {
    b.onLoad({ filter: /[\\/]electrodb[\\/]src[\\/]validations\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      // The checker's only caller is validateModel: without it the jsonschema package (28 KB) need
      // not load either, so its Validator becomes a stand-in that only accepts the schemas.
      const edits: [string, string][] = [
        ["  model: validateModel,", "  model: () => {},"],
        [
          'const Validator = require("jsonschema").Validator;',
          "const Validator = class { addSchema() {} }; Validator.prototype.customFormats = {};",
        ],
      ];
      let contents = source;
      for (const [from, to] of edits) {
        if (!contents.includes(from))
          throw new Error(`electrodb-models-checked-in-tests: "${from}" not found in ${args.path}`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: "js" };
    });
  },
};

/**
 * Every SDK client resolves credentials through the Node default chain, which bundles the SSO,
 * INI-profile, login, process, web-identity and container providers and the STS/SSO clients they
 * use (about 100 KB of each bundle). In Lambda the first link always answers: the runtime puts the
 * function role's credentials in the environment. So a Lambda bundle's default chain is that one
 * link, `fromEnv`. (Tenant-scoped credentials are made from it with STS; see tenant-credentials.ts.)
 */
const lambdaCredentialsFromEnv: Plugin = {
  name: "lambda-credentials-from-env",
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({
      path: "lambda-default-provider",
      namespace: "lambda-credentials-from-env",
      pluginData: args.resolveDir,
    }));
    b.onLoad({ filter: /.*/, namespace: "lambda-credentials-from-env" }, (args) => ({
      contents: [
        'import { fromEnv } from "@aws-sdk/credential-provider-env";',
        "export const defaultProvider = (init = {}) => fromEnv(init);",
        "export const credentialsWillNeedRefresh = (c) => c?.expiration !== undefined;",
        "export const credentialsTreatedAsExpired = (c) => c?.expiration !== undefined && c.expiration.getTime() - Date.now() < 300000;",
      ].join("\n"),
      resolveDir: args.pluginData as string,
    }));
  },
};

/**
 * How a handler is bundled for Lambda, in esbuild's terms: the CDK functions and the bench's
 * bundle-size and cold-start figures use these same settings. ESM for Node 22, minified. The AWS
 * SDK is bundled: tree-shaken into one file it loads faster than the runtime's copy read from
 * many files (measured by `npm run bench -- api`), and it is the version the tests ran against.
 */
export const LAMBDA_BUNDLING = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  mainFields: ["module", "main"],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  minify: true,
  sourcemap: false,
  plugins: [
    namespaceImports({
      packageName: "@medloop/shared",
      barrel: join(REPO_ROOT, "shared/src/index.ts"),
      sources: /[\\/](functions|shared|iot)[\\/]src[\\/].*\.ts$/,
    }),
    zodEnglishOnly,
    electrodbModelsCheckedInTests,
    lambdaCredentialsFromEnv,
  ],
  logLevel: "error",
} satisfies BuildOptions;

/** Every handler module a declaration names. */
export const handlersOf = (capabilities: readonly CapabilityDeclaration[]) => [
  ...new Set(
    capabilities.flatMap((c) =>
      [
        ...(c.routes ?? []),
        ...(c.subscriptions ?? []),
        ...(c.streams ?? []),
        ...(c.schedules ?? []),
        ...(c.topicRules ?? []),
      ].map((x) => x.handler),
    ),
  ),
];

const prebuilt = new Map<string, string>();

/**
 * Bundle handlers before synth, all in one esbuild run (CDK's own bundling hook is synchronous,
 * where esbuild takes no plugins). Each lands as `<dir>/index.mjs` with its source map.
 */
export async function prebundleHandlers(handlers: readonly string[]): Promise<void> {
  const todo = handlers.filter((h) => !prebuilt.has(h));
  if (!todo.length) return;
  const root = mkdtempSync(join(tmpdir(), "medloop-bundles-"));
  await build({
    ...LAMBDA_BUNDLING,
    sourcemap: true,
    sourcesContent: false,
    absWorkingDir: REPO_ROOT,
    // One folder per handler, named by its construct id (a test fixture's path climbs out of functions/src).
    entryPoints: todo.map((h) => ({ in: handlerEntry(h), out: `${handlerId(h)}/index` })),
    outdir: root,
    outExtension: { ".js": ".mjs" },
  });
  for (const h of todo) prebuilt.set(h, join(root, handlerId(h)));
}

/** The folder holding a handler's bundle; `prebundleHandlers` must have run for it. */
export function prebuiltDir(handler: string): string {
  const dir = prebuilt.get(handler);
  if (!dir)
    throw new Error(`Handler "${handler}" was not bundled: await prebundleHandlers(...) before building the app`);
  return dir;
}

const GATEWAY_ENTRY = "iot/components/com.medloop.gateway/src/main.ts";
let gatewayArtifact: string | undefined;

/**
 * The Greengrass component's artifact: its Node program as one ESM file `main.mjs`, bundled like
 * the handlers. The IPC client's native addon (aws-crt) stays a real module on the core device.
 */
export async function prebundleGatewayArtifact(): Promise<void> {
  if (gatewayArtifact) return;
  const out = mkdtempSync(join(tmpdir(), "medloop-gg-"));
  await build({
    ...LAMBDA_BUNDLING,
    absWorkingDir: REPO_ROOT,
    external: ["aws-crt"],
    entryPoints: [GATEWAY_ENTRY],
    outfile: join(out, "main.mjs"),
  });
  gatewayArtifact = out;
}

/** The folder holding the component's artifact; `prebundleGatewayArtifact` must have run. */
export function prebuiltGatewayArtifact(): string {
  if (!gatewayArtifact) {
    throw new Error("The gateway component was not bundled: await prebundleGatewayArtifact() before building the app");
  }
  return gatewayArtifact;
}
