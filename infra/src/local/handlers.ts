import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Context } from "aws-lambda";

/**
 * Loads a declared handler (`http/users/create`) from functions/src, unchanged, the way Lambda
 * would run its bundle, and gives it a Lambda-like context.
 */
const FUNCTIONS_SRC = fileURLToPath(new URL("../../../functions/src/", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: handlers have many event shapes
type AnyHandler = (event: any, context: Context) => Promise<any>;
const cache = new Map<string, Promise<AnyHandler>>();

export function loadHandler(name: string): Promise<AnyHandler> {
  let loaded = cache.get(name);
  if (!loaded) {
    loaded = import(`${FUNCTIONS_SRC}${name}.ts`).then((m: { handler?: AnyHandler }) => {
      if (typeof m.handler !== "function") throw new Error(`functions/src/${name}.ts does not export a handler`);
      return m.handler;
    });
    cache.set(name, loaded);
  }
  return loaded;
}

export function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function invoke(name: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(name);
  return handler(event, lambdaContext(name.replace(/\//g, "-")));
}
