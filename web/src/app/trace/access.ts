import type { Principal } from "@/server/schemas";

/** Who may trace (as the traceability routes declare): a manufacturer's quality, planning and service people. */
const TRACERS = ["admin", "planner", "qc-inspector", "quality-engineer", "service-manager"];
export const canTrace = (user: Principal) =>
  user.tenantKind === "manufacturer" && user.roles.some((r) => TRACERS.includes(r));
