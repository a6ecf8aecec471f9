import { Complaints, InstalledBase, Recalls, Suppliers } from "@medloop/shared";
import { DEMO_PASSWORD, demoUsers } from "./seed-actors.ts";
import { daysAgo, onDay } from "./seed-story.ts";

/**
 * Post-market surveillance as `npm start` shows it (issue 15 §8): a complaint whose reporting
 * clocks are running, and a recall campaign that one hospital has acknowledged and one has not.
 * Both cross tenants through the bus (installed base, the complaint's case, the notices, the
 * hospitals' answers), so the seed waits for it where the next step reads what it delivers:
 * `settled` is the platform's. Runs inside acme-med's scope; a second run finds the case and the
 * campaign and changes nothing.
 */

/** The housing lot the recall is about: its forward trace reaches pumps at both hospitals. */
const RECALLED = { supplier: "SUP-DGPLAST", lot: "DG-F01-2512" };

export async function seedPostMarket(settled: () => Promise<void>): Promise<void> {
  const hasCase = (await Complaints.Cases.list({})).length > 0;
  const hasCampaign = (await Recalls.Campaigns.list({})).items.length > 0;
  if (hasCase && hasCampaign) return;
  // The shipments' devices reach the hospitals' installed base through the bus.
  await settled();
  if (!hasCase) await seedComplaint(settled);
  if (!hasCampaign) await seedRecall(settled);
}

/**
 * River Children's reports an adverse event on one of its IP-200 pumps and acme-med decides it is
 * reportable to the FDA and under the EU MDR. Reported on the seeding day's own clock, not a
 * story day: the manufacturer's awareness — which starts the clocks — is stamped when the bus
 * delivers the report, so an earlier report day would leave the case aware days after it was
 * reported. The incident itself happened three days ago. The clocks: FDA 5 work days (remedial
 * action), EU MDR 15 days, both running, neither overdue.
 */
async function seedComplaint(settled: () => Promise<void>) {
  const river = await demoUsers("river-hospital", "hospital");
  const complaint = await river("biomed-engineer", async () => {
    // The ward's pump: not the first of the installed base, which the complaint tests report against.
    const pump = (await InstalledBase.list({})).items.find((d) => d.serialNo === "IP200-2601-0011");
    if (!pump) throw new Error("The post-market seed needs pump IP200-2601-0011 in river-hospital's installed base");
    return Complaints.report({
      udi: pump.udi,
      kind: "adverse-event",
      description:
        "During a heparin infusion on PICU bed 4 the occlusion alarm did not sound when the line kinked; " +
        "the infusion stopped unnoticed for about 40 minutes and the patient's aPTT fell below range. " +
        "The pump was taken out of service and quarantined in biomedical engineering.",
      eventDate: daysAgo(3),
      patientInvolvement: "injury",
      deviceOutOfService: true,
      reporter: "Charge nurse, paediatric ICU",
    });
  });
  // The manufacturer's case is written by the forwarder on the bus.
  await settled();
  const quality = await demoUsers("acme-med");
  const { complaintId } = complaint;
  await quality("quality-engineer", () =>
    Complaints.Cases.decide({
      complaintId,
      body: {
        reportable: true,
        regimes: ["fda-mdr", "eu-mdr"],
        remedialAction: true,
        publicHealthThreat: false,
        deathOrSeriousDeterioration: false,
        rationale:
          "An occlusion alarm that fails to sound led to an injury; a field correction of the alarm pressure sensor is planned",
      },
    }),
  );
  await quality("quality-engineer", () =>
    Complaints.Cases.note({
      complaintId,
      body: {
        text:
          "Device history record of IP200-2601 reviewed: the pressure sensor passed final test. " +
          "Return of the unit requested for a teardown; the other IP200-2601 pumps in the field are being checked.",
      },
    }),
  );
}

/**
 * acme-med recalls (class II, field safety notice) the pumps built with front housings of
 * Dongguan Medical Plastics' lot DG-F01-2512, whose latch cracks; its forward trace reaches pumps
 * at both hospitals. City General acknowledges its notice the next day, signed, and locates one
 * device; Riverside has not answered. Recorded on the days they happened, from six days ago.
 */
async function seedRecall(settled: () => Promise<void>) {
  const plastics = (await Suppliers.list()).find((s) => s.code === RECALLED.supplier);
  if (!plastics) throw new Error(`The post-market seed needs the supplier ${RECALLED.supplier}`);
  const quality = await demoUsers("acme-med");
  const campaign = await onDay(daysAgo(6), () =>
    quality("quality-engineer", () =>
      Recalls.Campaigns.open({
        source: { supplierId: plastics.supplierId, supplierLotNo: RECALLED.lot },
        recallClass: "II",
        action: "field-safety-notice",
        reason:
          "The supplier reported that front housings of lot DG-F01-2512 were moulded below the specified wall " +
          "thickness: the door latch can crack, and a door that does not close lets the pump run without " +
          "detecting a free-flow condition. Inspect the latch before each use; acme-med will replace the housing.",
        password: DEMO_PASSWORD,
        meaning: "approved",
      }),
    ),
  );
  const cityDevices = campaign.devices.filter((d) => d.hospitalTenantId === "city-hospital");
  const reached = new Set(campaign.recipients.filter((r) => r.channel === "medloop").map((r) => r.recipient));
  if (!cityDevices.length || !reached.has("river-hospital")) {
    throw new Error(`The recall of ${RECALLED.lot} must reach devices at both demo hospitals`);
  }
  // The notices are written into the hospitals' tenants by the bus.
  await settled();
  const city = await demoUsers("city-hospital", "hospital");
  const noticeId = Recalls.Notices.noticeIdOf("acme-med", campaign.campaignId, "city-hospital");
  await onDay(daysAgo(5), () =>
    city("biomed-engineer", () =>
      Recalls.Notices.acknowledge({
        noticeId,
        signature: { password: DEMO_PASSWORD, meaning: "reviewed" },
      }),
    ),
  );
  await onDay(daysAgo(4), () =>
    city("biomed-engineer", () =>
      Recalls.Notices.reportState({
        noticeId,
        installedId: cityDevices[0]!.installedId,
        state: "located",
        note: "In use on ward 3; latch intact at inspection",
      }),
    ),
  );
}
