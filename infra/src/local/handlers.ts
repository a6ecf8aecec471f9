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
const loading = new Map<string, Promise<AnyHandler>>();
/** Handlers already imported: an invocation then starts without waiting on the import's promise. */
const loaded = new Map<string, AnyHandler>();

export function loadHandler(name: string): Promise<AnyHandler> {
  let pending = loading.get(name);
  if (!pending) {
    pending = import(`${FUNCTIONS_SRC}${name}.ts`).then((m: { handler?: AnyHandler }) => {
      if (typeof m.handler !== "function") throw new Error(`functions/src/${name}.ts does not export a handler`);
      loaded.set(name, m.handler);
      return m.handler;
    });
    loading.set(name, pending);
  }
  return pending;
}

const TIMEOUT_MS = 30_000;

const noop = () => undefined;

/**
 * Lambda's context object. A class, so an invocation makes one closure (the runtime's callers may
 * detach `getRemainingTimeInMillis`, so it must not need `this`) rather than six.
 */
class LocalContext implements Context {
  callbackWaitsForEmptyEventLoop = false;
  functionVersion = "$LATEST";
  memoryLimitInMB = "1024";
  logStreamName = "local";
  invokedFunctionArn: string;
  logGroupName: string;
  awsRequestId = randomUUID();
  getRemainingTimeInMillis: () => number;
  done = noop;
  fail = noop;
  succeed = noop;
  constructor(readonly functionName: string) {
    this.invokedFunctionArn = `arn:aws:lambda:local:000000000000:function:${functionName}`;
    this.logGroupName = `/aws/lambda/${functionName}`;
    const deadline = Date.now() + TIMEOUT_MS;
    this.getRemainingTimeInMillis = () => Math.max(0, deadline - Date.now());
  }
}

export function lambdaContext(functionName: string): Context {
  return new LocalContext(functionName);
}

type InvocationScope = <T>(invocation: () => T) => T;
let scope: InvocationScope | undefined;

/** What every invocation runs inside: the platform's ports that AWS would give a Lambda by its environment. */
export function setInvocationScope(next: InvocationScope | undefined): void {
  scope = next;
}

export function invoke(name: string, event: unknown): Promise<unknown> {
  const handler = loaded.get(name);
  const context = lambdaContext(name.replace(/\//g, "-"));
  const call = (h: AnyHandler) => (scope ? scope(() => h(event, context)) : h(event, context));
  return handler ? call(handler) : loadHandler(name).then(call);
}
