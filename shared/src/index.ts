export * as Audit from "./audit/index.ts";
export { hashRequest } from "./db/commit.ts";
export * from "./errors/index.ts";
export * from "./event-pattern/index.ts";
export * from "./events/index.ts";
export * from "./tenancy/index.ts";
export * from "./tenant/index.ts";
export * as Udi from "./udi/index.ts";
export { fn } from "./util/fn.ts";
