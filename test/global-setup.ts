import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDynamo } from "@medloop/infra/local/dynamo";
import { buildPortal } from "@medloop/infra/local/portal";
import { freePort } from "@medloop/infra/local/ports";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** Where that DynamoDB Local keeps its databases, one file per access key (`localDynamoConfig`). */
    databaseDir: string;
    /** This run's seeded platform states and their per-suite copies (test/seeded-state.ts). */
    stateDir: string;
  }
}

/**
 * One DynamoDB Local for the whole run, with a database per test file (each file's own access
 * key, test/setup-file.ts) or per test platform (a copy of a seeded database, test/platform.ts):
 * one JVM, started and warmed once instead of once per suite (~3 s each on two busy cores). Its
 * databases and the run's seeded states live in memory where the machine has /dev/shm (a
 * platform's database is read and written constantly). All is gone when the run ends.
 */
export default async function setup(project: TestProject) {
  const stateDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "medloop-test-state-"));
  const databaseDir = join(stateDir, "databases");
  const dynamo = await startDynamo({ port: await freePort(), dataDir: databaseDir, databasePerKey: true });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  project.provide("databaseDir", databaseDir);
  // The portal's build (when its sources changed) runs beside the seeding from the start; the first
  // portal suite finds it done or waits on its lock. A failure surfaces there, with its output.
  const portalBuild = buildPortal().catch(() => undefined);
  project.provide("stateDir", stateDir);
  return async () => {
    await portalBuild;
    await dynamo.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
