import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDynamo } from "@medloop/infra/local/dynamo";
import { freePort } from "@medloop/infra/local/ports";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** This run's seeded platform states and their per-suite copies (test/seeded-state.ts). */
    stateDir: string;
  }
}

/**
 * One DynamoDB Local (in memory) for the whole run, and a folder for the run's seeded states, in
 * memory too where the machine has /dev/shm (a platform's database file is read and written
 * constantly). Both are gone when the run ends.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamo({ port: await freePort() });
  const stateDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "medloop-test-state-"));
  project.provide("dynamoEndpoint", dynamo.endpoint);
  project.provide("stateDir", stateDir);
  return async () => {
    await dynamo.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
