export { recordAccess } from "./access.ts";
export { hashRecord } from "./chain.ts";
export { type AttributeValue, fromStreamRecord, NOT_AUDITED_ENTITIES, REDACTED, type StreamRecord } from "./change.ts";
export { PLATFORM_TENANT } from "./entities/registry.ts";
export * from "./schema.ts";
export {
  ANCHOR_EVERY,
  AppendFailed,
  appendChanges,
  auditedTenants,
  currentAnchor,
  headSeq,
  history,
  verifyAgainstAnchor,
  verifyChain,
} from "./trail.ts";
