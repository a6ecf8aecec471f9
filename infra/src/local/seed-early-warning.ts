import { EarlyWarning, InProcessQuality, ProductionOrders } from "@medloop/shared";
import { demoUsers } from "./seed-actors.ts";
import { daysAgo, onDay } from "./seed-story.ts";

/**
 * acme-med's early warning, as `npm start` shows it: quality watches the flow-rate accuracy of the
 * infusion pumps on a control chart with the limits of process validation, and the patrol checks of
 * the order in progress have drifted upward over the last twelve days — six rising points, then
 * points beyond 2σ and 3σ — so the rule has raised an alert (a task for quality, a notification and
 * a mail in the outbox) and counted each further violation. Recorded on the days they happen, the
 * last today. Runs inside the tenant's scope; a second run finds the rule and changes nothing.
 */
const CHARACTERISTIC = "Flow rate accuracy";
/** Mean 0.5 %, σ 0.8 % (UCL 2.9 %): in control for five checks, then a steady climb past the limit. */
const DRIFT = [0.4, 0.7, 0.2, 0.6, 0.5, 0.9, 1.2, 1.5, 1.9, 2.2, 2.6, 3.1];

export async function seedEarlyWarning(tenantId: string): Promise<void> {
  if ((await EarlyWarning.Rules.list()).length) return;
  const as = await demoUsers(tenantId);
  const order = (await ProductionOrders.list({})).find(
    (o) => o.status === "in-progress" && o.fgLotNo.startsWith("IP200"),
  );
  if (!order) throw new Error("The early-warning seed needs the production seed's pump order in progress");
  await onDay(daysAgo(DRIFT.length + 2), () =>
    as("quality-engineer", () =>
      EarlyWarning.Rules.create({
        name: "IP-200 flow rate accuracy drift",
        grade: "warning",
        subject: "inspection-characteristic",
        owner: { type: "role", role: "quality-engineer" },
        enabled: true,
        condition: {
          kind: "spc",
          characteristic: CHARACTERISTIC,
          limits: { from: "given", mean: 0.5, sigma: 0.8 },
          rules: [1, 2, 3, 5, 6],
        },
        reason: "Limits from process validation PV-2025-11",
      }),
    ),
  );
  const sequence = order.route.operations[0]!.sequence;
  for (const [i, value] of DRIFT.entries()) {
    await onDay(daysAgo(DRIFT.length - 1 - i), () =>
      as("qc-inspector", () =>
        InProcessQuality.inspect({
          orderId: order.orderId,
          kind: "patrol",
          sequence,
          sampleSize: 1,
          measurements: [{ characteristic: CHARACTERISTIC, value, lower: -5, upper: 5, unit: "%" }],
          equipment: "FLOW-ANALYSER-02",
        }),
      ),
    );
  }
}
