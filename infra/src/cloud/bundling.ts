import type { BuildOptions, Plugin } from "esbuild";

/**
 * zod 4 re-exports every message locale (`z.locales`), about 260 KB of a handler's bundle; MedLoop
 * only uses the English messages zod configures by default (the portal translates by error code).
 * This keeps `z.locales` to English, so bundles lose a third of their size and load faster.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: "zod-locales-en", namespace: "zod-english-only", pluginData: args.resolveDir }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: 'export { default as en } from "../locales/en.js";',
      resolveDir: args.pluginData as string,
    }));
  },
};

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
  plugins: [zodEnglishOnly],
  logLevel: "error",
} satisfies BuildOptions;
