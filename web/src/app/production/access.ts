import type { Principal } from "@/server/schemas";

/**
 * Who may do what on the shop floor, as the production routes declare it
 * (functions/src/capabilities/production.ts); the portal only hides what the API would refuse.
 */
const ROLES = {
  read: ["admin", "planner", "warehouse", "operator", "qc-inspector", "quality-engineer"],
  plan: ["planner"],
  issue: ["operator", "warehouse"],
  report: ["operator"],
  inspect: ["qc-inspector"],
  raise: ["operator", "qc-inspector"],
  disposition: ["quality-engineer", "qc-inspector"],
  release: ["quality-engineer"],
  receive: ["warehouse"],
} as const;

export type ProductionAction = keyof typeof ROLES;

export const canProduce = (user: Principal, action: ProductionAction) =>
  user.tenantKind === "manufacturer" && user.roles.some((r) => (ROLES[action] as readonly string[]).includes(r));
