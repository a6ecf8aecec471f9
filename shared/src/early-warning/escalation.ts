import type { ManufacturerRole } from "../tenant/schema.ts";
import type { Grade, Owner } from "./schema.ts";

/**
 * Who an alert goes to as its deadlines pass (EW-2): the rule's owner, then the owner role's
 * manager role, then the tenant's quality head. Over the manufacturer roles (tenant/schema.ts):
 * quality engineering manages the shop-floor and supply roles whose work an alert is about, and
 * the admin stands for the quality head (the tenant has no separate role for it). A named user
 * escalates as if owned by a role quality engineering manages.
 */
export const QUALITY_HEAD: ManufacturerRole = "admin";

const MANAGER_OF: Record<ManufacturerRole, ManufacturerRole> = {
  "qc-inspector": "quality-engineer",
  operator: "quality-engineer",
  warehouse: "quality-engineer",
  buyer: "quality-engineer",
  planner: "quality-engineer",
  sales: "quality-engineer",
  "service-manager": "quality-engineer",
  "quality-engineer": QUALITY_HEAD,
  admin: QUALITY_HEAD,
};

/** `role:<role>` or `user:<userId>`: how a task's owner is stored and queried. */
export type Assignee = `role:${string}` | `user:${string}`;

export const assigneeOf = (owner: Owner): Assignee =>
  owner.type === "role" ? `role:${owner.role}` : `user:${owner.userId}`;

/** The rungs an owner's alerts climb, without repeats: `qc-inspector → quality-engineer → admin`. */
export function ladder(owner: Owner): Assignee[] {
  const role = owner.type === "role" ? (owner.role as ManufacturerRole) : "qc-inspector";
  const manager = MANAGER_OF[role] ?? QUALITY_HEAD;
  const rungs: Assignee[] = [assigneeOf(owner), `role:${manager}`, `role:${QUALITY_HEAD}`];
  return rungs.filter((r, i) => rungs.indexOf(r) === i);
}

/** The assignee at an escalation level, or undefined above the top rung (nobody left to escalate to). */
export const assigneeAt = (owner: Owner, level: number): Assignee | undefined => ladder(owner)[level];

/** How long an alert's owner has at each level before it escalates: by grade. */
export const RESPONSE_HOURS: Record<Grade, number> = { critical: 4, warning: 24, info: 72 };

export const deadlineFrom = (at: Date, grade: Grade): string =>
  new Date(at.getTime() + RESPONSE_HOURS[grade] * 3_600_000).toISOString();
