import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { quality } from "@medloop/shared/contracts/quality";
import { mayCall } from "@/server/may";
import type { Principal } from "@/server/schemas";

const { warningAlerts, warningTasks } = earlyWarning.resources;
const { nonconformances, capas } = quality.resources;

/** Alerts: quality reads them (the roles of the alert routes). */
export const canSeeAlerts = (user: Principal) => mayCall(user, warningAlerts.listWarningAlerts);
/** Closing an alert is quality's decision; acknowledging is anyone's who reads it. */
export const canCloseAlerts = (user: Principal) => mayCall(user, warningAlerts.closeWarningAlert);
/** Tasks: every role of a manufacturer may own one. */
export const canSeeTasks = (user: Principal) => mayCall(user, warningTasks.listWarningTasks);
/** Reporting a nonconformance: whoever finds one on the floor, in stores or at inspection. */
export const canRaiseNc = (user: Principal) => mayCall(user, nonconformances.raiseNonconformance);
/** Dispositions and every CAPA step but an action's completion are quality's. */
export const canDisposition = (user: Principal) => mayCall(user, nonconformances.dispositionNonconformance);
export const canRunCapa = (user: Principal) => mayCall(user, capas.openCapa);
