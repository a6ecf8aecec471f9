export * as Events from "./events.ts";
export * from "./gateways.ts";
export * from "./ingest.ts";
export { INTEGRITY_DEVICE, type IntegrityAlert, raiseIntegrityAlert } from "./integrity-alerts.ts";
export { GAP_GRACE_MS, REPLAY_RETRY_MS } from "./ledger.ts";
export type * from "./ports.ts";
export * from "./queries.ts";
export * as Schema from "./schema.ts";
