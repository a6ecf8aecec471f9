/**
 * Complaints and adverse events (TR-4): the hospital reports against its installed base, the
 * manufacturer receives its own case, decides reportability and reports before the clocks run out.
 */
export * as Cases from "./cases.ts";
export * as ClockAlerts from "./clock-alerts.ts";
export * as Clocks from "./clocks.ts";
export { get, list, report } from "./complaints.ts";
export * as Events from "./events.ts";
export * as Forward from "./forward.ts";
export * as Schema from "./schema.ts";
export * as Views from "./views.ts";
