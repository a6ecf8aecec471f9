import { defineConfig } from "vitest/config";

// Lambda runs Node 22; the SDK's notice about this machine's Node 20 is known (main process too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// One run, all tiers: unit tests beside the code, *.int.test.ts on the local platform, e2e/ journeys.
// One DynamoDB Local serves the whole run (test/global-setup.ts); each test file gets its own table.
export default defineConfig({
  test: {
    include: ["{shared,functions,infra,iot,web}/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "**/cdk.out/**"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup-file.ts"],
    testTimeout: 60_000,
    // A platform-starting suite seeds the whole demo (master data, stock, purchasing, production,
    // shipments) on its own table: about 75 s alone on 2 cores, well over 3 minutes while the other
    // worker starts one too. A lighter test seed is the real fix (see README, Tests).
    hookTimeout: 600_000,
    pool: "forks",
    // Handler logs stay quiet unless a run asks for them (POWERTOOLS_LOG_LEVEL=INFO npm test).
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT",
    },
    maxWorkers: 2,
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".vitest-results.json" }]] : ["default"],
  },
});
