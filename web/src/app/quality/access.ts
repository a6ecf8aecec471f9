import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { mayCall } from "@/server/may";
import type { Principal } from "@/server/schemas";

const { warningAlerts, warningTasks } = earlyWarning.resources;

/** Alerts: quality reads them (the roles of the alert routes). */
export const canSeeAlerts = (user: Principal) => mayCall(user, warningAlerts.listWarningAlerts);
/** Closing an alert is quality's decision; acknowledging is anyone's who reads it. */
export const canCloseAlerts = (user: Principal) => mayCall(user, warningAlerts.closeWarningAlert);
/** Tasks: every role of a manufacturer may own one. */
export const canSeeTasks = (user: Principal) => mayCall(user, warningTasks.listWarningTasks);
