import { Quality } from "@medloop/shared";
import { demoUsers } from "./seed-actors.ts";
import { daysAgo, fromToday, onDay } from "./seed-story.ts";

/**
 * acme-med's CAPA in progress, as `npm start` shows it: the electrical safety test of the pump
 * order in progress found two units over the leakage-current limit (the production seed's open
 * NC); quality reported it, opened a CAPA, traced the cause to a capacitor lot, and set two
 * actions — one done, one open. Recorded on the days they happened over the last week and a half.
 * A second run finds the CAPA and changes nothing.
 */

export async function seedQuality(tenantId: string): Promise<void> {
  if ((await Quality.Capas.list({})).length) return;
  const as = await demoUsers(tenantId);
  const nc = await onDay(daysAgo(10), () =>
    as("qc-inspector", () =>
      Quality.Nonconformances.raise({
        source: { kind: "inspection", reference: "Electrical safety test, IP200-2606 patrol" },
        title: "Leakage current above limit on IP-200",
        description: "Two pumps of lot IP200-2606 measured 120 µA against the 100 µA limit of IEC 60601-1",
        severity: "major",
        subject: { kind: "lot", id: "IP200-2606" },
        quantity: 2,
      }),
    ),
  );
  const { capaId } = await onDay(daysAgo(9), () =>
    as("quality-engineer", () =>
      Quality.Capas.open({
        kind: "corrective",
        title: "Leakage current on the IP-200 power supply",
        problem: "Leakage current above the IEC 60601-1 limit on two units of IP200-2606",
        ncIds: [nc.ncId],
        owner: { type: "role", role: "quality-engineer" },
        dueOn: fromToday(21),
      }),
    ),
  );
  const caused = await onDay(daysAgo(6), () =>
    as("quality-engineer", () =>
      Quality.Capas.recordRootCause({
        capaId,
        expectedRev: 1,
        method: "fishbone",
        investigation:
          "Both units share Y-capacitors of one incoming lot; the lot's samples measure at the top of tolerance",
        category: "material",
        rootCause: "Y-capacitor lot out of tolerance, not caught because incoming inspection does not measure it",
      }),
    ),
  );
  const quarantine = await onDay(daysAgo(5), () =>
    as("quality-engineer", () =>
      Quality.Capas.addAction({
        capaId,
        expectedRev: caused.rev,
        description: "Quarantine the capacitor lot and retest the pumps built with it",
        owner: { type: "role", role: "qc-inspector" },
        dueOn: daysAgo(1),
      }),
    ),
  );
  const inspection = await onDay(daysAgo(5), () =>
    as("quality-engineer", () =>
      Quality.Capas.addAction({
        capaId,
        expectedRev: quarantine.rev,
        description: "Add a capacitance and leakage check to the incoming inspection of power-supply boards",
        owner: { type: "role", role: "buyer" },
        dueOn: fromToday(14),
      }),
    ),
  );
  await onDay(daysAgo(2), () =>
    as("qc-inspector", () =>
      Quality.Capas.completeAction({
        capaId,
        actionId: inspection.actions[0]!.actionId,
        expectedRev: inspection.rev,
        outcome: "Lot quarantined; 28 pumps retested, all within 100 µA; the two failing units reworked",
      }),
    ),
  );
}
