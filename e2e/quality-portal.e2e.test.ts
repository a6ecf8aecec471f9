import { describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { portalJourney, screenshot } from "./portal-steps.ts";

const j = portalJourney({ seed: "demo" });
const REASON = "Clamp spring of this supplier lot can fail open";

describe("quality and post-market in Chromium", () => {
  it("a quality engineer reads the drift alert's control chart, raises a nonconformance from it, and runs its CAPA to a signed closure", async () => {
    // Given the seeded drift of the pumps' flow-rate accuracy has raised its alert and task
    const token = await j.p.login("acme-med", "quality-engineer@acme-med.test");
    const [seeded] = await eventually("the seeded drift alert", async () => {
      const { body } = await j.p.call("GET", "/v1/early-warning/alerts?status=open", { token });
      return body.items?.length ? body.items : undefined;
    });
    // The checks up to the latest firing, and the points its violations involve
    const evidence = seeded.firing.evidence as { series: number[]; violations: { rule: number; indices: number[] }[] };
    const series = evidence.series;
    const flagged = new Set(evidence.violations.flatMap((v) => v.indices));
    // Patrol checks since the rule was made (at most the twelve seeded), none of the first-article checks from before it
    expect(series.length).toBeGreaterThanOrEqual(6);
    expect(series.length).toBeLessThanOrEqual(12);
    expect(series).not.toContain(2.1);
    expect(flagged.size).toBeGreaterThan(0);
    await eventually("its task", async () => {
      const { body } = await j.p.call("GET", "/v1/early-warning/tasks?view=mine", { token });
      return body.items?.length ? body : undefined;
    });

    // When the quality engineer opens Early warning from the navigation
    const page = await j.as("acme-med", "quality-engineer");
    await page.getByRole("navigation").getByRole("link", { name: "Quality" }).click();
    const row = page.locator("[data-testid=alert-row][data-status=open]", {
      hasText: "IP-200 flow rate accuracy drift",
    });
    await row.waitFor();
    expect(await row.textContent()).toContain("Warning");
    await screenshot(page, "early-warning-alerts-en");

    // And opens the alert
    await row.getByRole("link", { name: "IP-200 flow rate accuracy drift" }).click();
    const chart = page.getByTestId("spc-chart");
    await chart.waitFor();

    // Then the control chart shows the checks with the climbing ones marked, and the rules they broke
    expect(Number(await chart.getAttribute("data-points"))).toBe(series.length);
    expect(Number(await chart.getAttribute("data-flagged"))).toBe(flagged.size);
    expect(await page.locator("circle[data-flagged]").count()).toBe(flagged.size);
    const broken = (await page.getByTestId("violations").textContent()) ?? "";
    for (const v of evidence.violations) expect(broken).toContain(`Nelson rule ${v.rule}`);
    await screenshot(page, "early-warning-alert-en");

    // When they acknowledge it
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("The alert is acknowledged.").waitFor();
    expect(await page.getByTestId("alert-status").textContent()).toBe("Acknowledged");

    // And raise a nonconformance report from it
    const fromAlert = page.getByTestId("nc-from-alert");
    await fromAlert
      .getByLabel("Description")
      .fill("Flow-rate accuracy climbing over twelve patrol checks on IP200-2606");
    await fromAlert.getByLabel("Severity").selectOption("major");
    await fromAlert.getByRole("button", { name: "Raise the report" }).click();
    await page.getByText("The report is raised.").waitFor();
    const nc = page.getByTestId("nc");
    expect(await nc.getAttribute("data-status")).toBe("open");
    expect(await nc.textContent()).toContain("IP-200 flow rate accuracy drift");
    await screenshot(page, "quality-nc-en");

    // And open a CAPA on it, record the root cause and an action, and finish the action
    await page.getByTestId("capa-open-form").getByRole("button", { name: "Open the CAPA" }).click();
    await page.getByText("The CAPA is open.").waitFor();
    const cause = page.getByTestId("root-cause-form");
    await cause.getByLabel("What the investigation found").fill("Flow sensor reads high after 400 h of use");
    await cause.getByLabel("Cause category").selectOption("measurement");
    await cause.getByLabel("Root cause").fill("Flow sensor calibration interval too long");
    await cause.getByRole("button", { name: "Record the root cause" }).click();
    await page.getByText("The root cause is recorded.").waitFor();
    await page.locator("summary", { hasText: "Add the action" }).click();
    const add = page.getByTestId("action-add-form");
    await add.getByLabel("Action").fill("Shorten the flow sensor calibration interval to 200 h");
    await add.getByRole("button", { name: "Add the action" }).click();
    await page.getByText("The action is added.").waitFor();
    await page.getByTestId("capa-action").locator("summary").click();
    const finish = page.getByTestId("action-done-form-0");
    await finish.getByLabel("Outcome").fill("Calibration plan CAL-FLOW-01 updated to 200 h");
    await finish.getByRole("button", { name: "Mark done" }).click();
    await page.getByText("The action is done.").waitFor();

    // Then a wrong password signs nothing, the right one verifies it, and the signed closure closes it
    const check = page.getByTestId("effectiveness-form");
    await check.getByLabel("Criteria").fill("No Nelson rule broken over 30 patrol checks");
    await check.getByLabel("Evidence").fill("30 patrol checks after recalibration within ±1σ");
    await check.getByLabel("The actions worked").check();
    await check.getByLabel("Your password (electronic signature)").fill("not my password");
    await check.getByRole("button", { name: "Sign the check" }).click();
    const refused = page.getByTestId("effectiveness-form-feedback");
    await refused.waitFor();
    expect(await refused.getAttribute("data-code")).toBe("signature-invalid");
    await check.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await check.getByRole("button", { name: "Sign the check" }).click();
    await page.getByText("The effectiveness check is signed.").waitFor();
    const close = page.getByTestId("close-form");
    await close.getByLabel("Summary").fill("Cause removed: calibration interval shortened and shown effective");
    await close.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await close.getByRole("button", { name: "Sign the closure" }).click();
    await page.getByText("The CAPA is closed.").waitFor();
    expect(await page.getByTestId("capa").getAttribute("data-status")).toBe("closed");
    expect(await page.getByTestId("capa-closure").textContent()).toContain("quality-engineer@acme-med.test");
    await screenshot(page, "quality-capa-closed-en");

    // And the alert's task was completed by the report, as the API says
    const { body } = await j.p.call("GET", "/v1/early-warning/tasks?view=mine", { token });
    expect(body.items.filter((t: { title: string }) => t.title.includes("IP-200 flow rate accuracy drift"))).toEqual(
      [],
    );
  }, 180_000);

  it("a hospital reports an adverse event by scanning a UDI; quality recalls the lot from its scope; the hospital acknowledges its notice", async () => {
    // Given a pump of IP200-2601 in Riverside's installed base, and the supplier lot behind that pump lot
    const quality = await j.p.login("acme-med", "quality-engineer@acme-med.test");
    const river = await j.p.login("river-hospital", "biomed-engineer@river-hospital.test");
    const devices = (await j.p.call("GET", "/v1/installed-base", { token: river })).body.items as {
      udi: string;
      serialNo: string;
      lotNo: string;
    }[];
    // One nobody reported yet (the demo seed reports one pump of that lot)
    const reported = (await j.p.call("GET", "/v1/complaints", { token: river })).body.items.map(
      (c: { device: { serialNo: string } }) => c.device.serialNo,
    );
    const pump = devices.find((d) => d.lotNo === "IP200-2601" && !reported.includes(d.serialNo))!;
    const orders = (await j.p.call("GET", "/v1/production/orders", { token: quality })).body.items;
    const order = orders.find((o: { fgLotNo: string }) => o.fgLotNo === "IP200-2601");
    const detail = (await j.p.call("GET", `/v1/production/orders/${order.orderId}`, { token: quality })).body;
    const origin = detail.issues.find((i: { origin: unknown }) => i.origin).origin;

    // When Riverside's biomedical engineer scans the pump's label and reports an adverse event
    const hospital = await j.as("river-hospital", "biomed-engineer");
    await hospital.getByRole("navigation").getByRole("link", { name: "Complaints" }).click();
    const form = hospital.getByTestId("complaint-form");
    await form.getByLabel("Scanned UDI label").fill(pump.udi);
    await form.getByLabel("Patient").selectOption("injury");
    await form.getByLabel("The device is out of service").check();
    await form.getByLabel("What happened").fill("Free-flow during a paediatric infusion; clamp found open");
    await form.getByRole("button", { name: "Send the report" }).click();
    await hospital.getByText("The report was sent to the manufacturer.").waitFor();
    await hospital.locator(`[data-testid=complaint-row][data-serial="${pump.serialNo}"]`).waitFor();
    await screenshot(hospital, "complaints-hospital-en");

    // Then Acme's quality sees it under Quality → Complaints
    const page = await j.as("acme-med", "quality-engineer");
    await eventually("the case at Acme", async () => {
      const { body } = await j.p.call("GET", "/v1/complaint-cases", { token: quality });
      return body.items?.find((c: { device: { serialNo: string } }) => c.device.serialNo === pump.serialNo);
    });
    await page.goto(`${j.portal}/quality/complaints`);
    await page.locator("[data-testid=case-row]", { hasText: pump.serialNo }).getByRole("link").click();
    await page.getByTestId("case").waitFor();

    // When quality opens a recall on the supplier lot's scope, signed
    await page.goto(
      `${j.portal}/trace/forward?${new URLSearchParams({ supplierId: origin.supplierId, supplierLotNo: origin.supplierLotNo })}`,
    );
    const recall = page.getByTestId("open-recall-form");
    await recall.getByLabel("Reason").fill(REASON);
    await recall.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await recall.getByRole("button", { name: "Sign and open the campaign" }).click();
    await page.getByText("The campaign is open; the hospitals have their notices.").waitFor();
    const riverRow = page.locator('[data-testid=campaign-recipient][data-hospital="river-hospital"]');
    expect(await riverRow.getAttribute("data-status")).toBe("sent");

    const campaignUrl = page.url().replace(/\?.*$/, "");

    // Then Riverside finds the notice with only its devices, signs its acknowledgement and reports the pump located
    const notice = await eventually("Riverside's notice of this recall", async () => {
      const { body } = await j.p.call("GET", "/v1/recall-notices", { token: river });
      return body.items?.find((n: { reason: string }) => n.reason === REASON);
    });
    // One browser session: signing in again signs the previous user out.
    const biomed = await j.as("river-hospital", "biomed-engineer");
    await biomed.getByRole("navigation").getByRole("link", { name: "Recall notices" }).click();
    await biomed
      .locator(`[data-testid=notice-row][data-status=sent] a[href="/recall-notices/${notice.noticeId}"]`)
      .click();
    await biomed.getByTestId("notice-devices").waitFor();
    const listed = await biomed
      .locator("[data-testid=notice-device]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-serial")));
    expect(listed).toContain(pump.serialNo);
    expect(listed.every((s) => devices.some((d) => d.serialNo === s))).toBe(true);
    const ack = biomed.getByTestId("acknowledge-form");
    await ack.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await ack.getByRole("button", { name: "Sign the acknowledgement" }).click();
    await biomed.getByText("The notice is acknowledged.").waitFor();
    await biomed.getByTestId(`report-state-${pump.serialNo}`).getByRole("button", { name: "Report the state" }).click();
    await biomed.getByText("The device's state is reported.").waitFor();
    await screenshot(biomed, "recall-notice-biomed-en");

    // And Acme's campaign shows Riverside's signed acknowledgement and the pump located
    const qe = await j.as("acme-med", "quality-engineer");
    await qe.goto(campaignUrl);
    const riverAnswer = qe.locator('[data-testid=campaign-recipient][data-hospital="river-hospital"]');
    await eventually("the acknowledgement at Acme", async () => {
      await qe.reload();
      return (await riverAnswer.getAttribute("data-status")) === "acknowledged" || undefined;
    });
    await eventually("the pump located at Acme", async () => {
      await qe.reload();
      const state = await qe
        .locator(`[data-testid=campaign-device][data-serial="${pump.serialNo}"]`)
        .getAttribute("data-state");
      return state === "located" || undefined;
    });
    await screenshot(qe, "recall-campaign-en");
  }, 180_000);

  it("shows the alert inbox in Chinese, and keeps hospitals and other roles out", async () => {
    const zh = await j.as("acme-med", "quality-engineer", "zh");
    await zh.goto(`${j.portal}/quality?status=all`);
    await zh.getByRole("heading", { name: "质量管理" }).first().waitFor();
    expect(await zh.locator("[data-testid=alert-row]").count()).toBeGreaterThan(0);

    const hospital = await j.as("city-hospital", "biomed-engineer");
    const res = await hospital.goto(`${j.portal}/quality`);
    expect(res?.status()).toBe(403);
    const warehouse = await j.as("acme-med", "warehouse");
    expect((await warehouse.goto(`${j.portal}/quality`))?.status()).toBe(403);
    // A warehouse user may still own a task: My tasks is theirs
    expect((await warehouse.goto(`${j.portal}/tasks`))?.status()).toBe(200);
  });
});
