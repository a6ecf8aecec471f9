import type { BuildOptions } from "esbuild";

/**
 * How a handler is bundled for Lambda, in esbuild's terms: the CDK functions and the bench's
 * bundle-size and cold-start figures use these same settings. ESM for Node 22. The AWS SDK v3 is
 * left to the one the Node 22 runtime provides: it keeps bundles around a fifth of the size and
 * cold starts short; the SDK's API is stable across the minor versions involved.
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
  external: ["@aws-sdk/*"],
  logLevel: "error",
} satisfies BuildOptions;
