export * as ProductionEvents from "./events.ts";
export * as MaterialIssues from "./issue.ts";
export * as Operations from "./operations.ts";
export * as ProductionOrders from "./orders.ts";
export * as InProcessQuality from "./quality.ts";
export * as FinishedGoods from "./receipt.ts";
export * as ProductionSchema from "./schema.ts";
export * as Trace from "./trace.ts";
