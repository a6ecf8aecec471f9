import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { Grade } from "./schema.ts";

/**
 * An alert at a level (0 when raised, one more at each escalation): the dispatch handler makes
 * its task for the assignee with the deadline, and notifies.
 */
const AlertAtLevel = z.object({
  alertId: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  subject: z.string(),
  grade: Grade,
  level: z.number().int().min(0),
  assignee: z.string(),
  deadline: z.string(),
});

export const AlertRaised = defineEvent("EarlyWarning.AlertRaised", 1, AlertAtLevel);
export const AlertEscalated = defineEvent("EarlyWarning.AlertEscalated", 1, AlertAtLevel);
