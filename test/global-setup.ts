import type { TestProject } from "vitest/node";
import { startDynamo } from "../infra/src/local/dynamo.ts";
import { freePort } from "../infra/src/local/ports.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local (in memory) for the whole run; stopped when the run ends. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamo({ port: await freePort() });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
