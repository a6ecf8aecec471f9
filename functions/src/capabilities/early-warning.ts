import { EarlyWarning, patternFor } from "@medloop/shared";
import { earlyWarning as earlyWarningContracts } from "@medloop/shared/contracts/early-warning";
import { defineCapability } from "../declaration/types.ts";

const { AlertRaised, AlertEscalated } = EarlyWarning.Events;

/** The name of the sweep schedule (tests and the local platform run it on demand). */
export const WARNING_SWEEP = "early-warning-sweep";

export const earlyWarning = defineCapability({
  contracts: earlyWarningContracts,
  subscriptions: [
    {
      name: "early-warning",
      handler: "subscriptions/warning",
      pattern: patternFor(...EarlyWarning.WATCHED),
      description:
        "Evaluates the tenant's enabled early-warning rules on inspections, receipts, stock levels and telemetry; raises or bumps alerts, holds lots",
    },
    {
      name: "early-warning-dispatch",
      handler: "subscriptions/dispatch",
      pattern: patternFor(AlertRaised, AlertEscalated),
      needs: ["mail"],
      description: "Turns a raised or escalated alert into its owner's task, notifies in the app and by e-mail",
    },
  ],
  schedules: [
    {
      name: WARNING_SWEEP,
      handler: "schedules/warning-sweep",
      expression: "rate(5 minutes)",
      description: "Checks time-based early-warning rules (expiry, silence) and escalates alerts past their deadline",
    },
  ],
});
