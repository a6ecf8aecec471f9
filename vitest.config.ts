import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { HeaviestFirst } from "./test/sequencer.ts";

// Lambda runs Node 22; the SDK's notice about this machine's Node 20 is known (main process too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// One run, all tiers: unit tests beside the code, *.int.test.ts on the local platform, e2e/ journeys.
// One DynamoDB Local serves the whole run (test/global-setup.ts); each test file gets its own table.
const ALL_SUITES = ["{shared,functions,infra,iot,web}/**/*.test.ts", "e2e/**/*.test.ts", "test/*.test.ts"];
/** Suites that need DynamoDB Local, a local platform or a synth; every other test file is a unit test. */
const PLATFORM_SUITES = ["e2e/**/*.test.ts", "**/*.int.test.ts", "infra/test/**/*.test.ts"];
export default defineConfig({
  // The portal's own import root (web/tsconfig.json), so its plain modules are unit-tested too.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./web/src/", import.meta.url)) }] },
  test: {
    exclude: ["**/node_modules/**", "**/.next/**", "**/cdk.out/**"],
    testTimeout: 60_000,
    // A platform-starting suite starts its own DynamoDB Local and seeds demo data: 30-90 s while the
    // other worker does the same on 2 cores. Five minutes leaves room without hiding a hang for long.
    hookTimeout: 300_000,
    pool: "forks",
    // Handler logs stay quiet unless a run asks for them (POWERTOOLS_LOG_LEVEL=INFO npm test).
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
      // An error answer its route's contract does not declare fails the test (contracts/errors.ts).
      MEDLOOP_CONTRACT_ERRORS: process.env.MEDLOOP_CONTRACT_ERRORS ?? "strict",
    },
    maxWorkers: 2,
    sequence: { sequencer: HeaviestFirst },
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".vitest-results.json" }]] : ["default"],
    projects: [
      {
        // Suites on a database, a local platform or a CDK synth: each file in a fresh process of its
        // own (they set the table they use, start servers, and read env at import).
        extends: true,
        test: {
          name: "platform",
          include: PLATFORM_SUITES,
          // A portal journey is one long test (sign in, act through several pages, check the
          // records): ~45 s on an idle 2-core machine, past 60 s on a busy one. The limit is there to
          // catch a hang, never to time the work (benchmarks do that).
          testTimeout: 180_000,
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/setup-file.ts"],
        },
      },
      {
        // Unit tests share their workers' loaded modules: importing the domain once per worker
        // instead of once per file takes the unit tier from ~50 s to ~15 s on two cores.
        extends: true,
        test: {
          name: "unit",
          include: ALL_SUITES,
          exclude: [...PLATFORM_SUITES, "**/node_modules/**", "**/.next/**", "**/cdk.out/**"],
          isolate: false,
          env: { AWS_REGION: "local", MEDLOOP_TABLE: "unit-tests" },
        },
      },
    ],
  },
});
