import { describe, expect, it } from "vitest";
import { portalJourney, screenshot, switchLanguage } from "./portal-steps.ts";

// The base seed stocks pressure-sensor lot S2601 (SNS-PRES-01, on the IP-200's BOM) at WH-RAW / A-01-01.
const j = portalJourney();
const LOT = "S2601";
const SERIALS = ["UI-IP-0001", "UI-IP-0002"];

describe("production in Chromium", () => {
  it("a planner releases an order, an operator issues by scan and reports, a QE signs the release, the warehouse receives", async () => {
    // Given the planner on the production orders
    const planner = await j.as("acme-med", "planner");
    await planner.getByRole("navigation").getByRole("link", { name: "Production" }).click();
    await planner.waitForURL(`${j.portal}/production`);

    // When they release an order for two infusion pumps
    const create = planner.locator("[data-testid=create-order-form]");
    await create.getByLabel("Product").selectOption({ label: "IP-200 · Volumetric infusion pump IP-200" });
    await create.getByLabel("Quantity").fill("2");
    await create.getByLabel(/^Planned start/).fill(new Date().toISOString().slice(0, 10));
    await create.getByLabel("Finished-goods lot number").fill("IP-UI-1");
    await create.getByRole("button", { name: "Release order" }).click();
    const created = planner.locator("[data-testid=create-order-feedback]");
    await created.waitFor();
    expect(await created.textContent()).toMatch(/^Order .+ released\.$/);
    await planner.locator("[data-testid=open-order]").click();
    await planner.locator('[data-testid=order-header][data-status="released"]').waitFor();
    const orderUrl = planner.url();
    expect(await planner.locator("[data-testid=order-bom] tbody tr").count()).toBeGreaterThan(5);
    await screenshot(planner, "production-order-en");

    // When the operator scans a label of a lot that is not on the order's BOM
    const operator = await j.as("acme-med", "operator");
    await operator.goto(orderUrl);
    const issue = operator.locator("[data-testid=issue-form]");
    const at = await issue.locator("option", { hasText: "WH-RAW / A-01-01" }).getAttribute("value");
    await issue.getByLabel("From location").selectOption(at!);
    await issue.getByLabel("Quantity").fill("4");
    const scan = issue.getByLabel("Scan the lot label");
    await scan.fill("(10)NO-SUCH-LOT");
    await scan.press("Enter");

    // Then it is refused in words, and the field is empty and focused for the next scan
    await operator.locator('[data-testid=issue-feedback][data-code="wrong-material"]').waitFor();
    expect(await scan.inputValue()).toBe("");
    expect(await scan.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await operator.locator("[data-testid=issue-line]").count()).toBe(0);

    // When they scan the sensor lot, it is issued to the order
    await scan.fill(`(10)${LOT}`);
    await scan.press("Enter");
    await operator.locator(`[data-testid=issue-line][data-lot="${LOT}"]`).waitFor();

    // And they report every operation of the route with the two serials
    const report = operator.locator("[data-testid=report-form]");
    const sequences = await report
      .getByLabel("Operation")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    for (const sequence of sequences) {
      await report.getByLabel("Operation").selectOption(sequence);
      await report.getByLabel("Good", { exact: true }).fill("2");
      await report.getByLabel("Equipment (asset tag)").fill("BENCH-7");
      await report.getByLabel("Serial numbers of the units (one per line)").fill(SERIALS.join("\n"));
      await report.getByRole("button", { name: "Report" }).click();
      await operator.locator(`[data-testid=route-operation][data-sequence="${sequence}"][data-good="2"]`).waitFor();
    }
    await operator.locator('[data-testid=order-header][data-status="in-progress"]').waitFor();
    expect(await operator.locator("[data-testid=order-serial]").count()).toBe(2);

    // When the quality engineer signs the release with a wrong password, it is refused and the dialog stays
    const qe = await j.as("acme-med", "quality-engineer");
    await qe.goto(orderUrl);
    await qe.getByRole("button", { name: "Release batch…" }).click();
    const dialog = qe.locator("[data-testid=release-dialog]");
    await dialog.getByLabel("Your password (electronic signature)").fill("not my password");
    await dialog.getByRole("button", { name: "Sign and release" }).click();
    await qe.locator('[data-testid=release-feedback][data-code="signature-invalid"]').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    expect(await qe.locator("[data-testid=release-state]").count()).toBe(0);

    // And with the right one the batch is released for sale, signed by name
    await dialog.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await dialog.getByRole("button", { name: "Sign and release" }).click();
    // (the page re-renders with the release recorded: the form gives way to the signed state)
    const refused = qe.locator('[data-testid=release-feedback][role="alert"]:not([data-code="signature-invalid"])');
    await qe.locator("[data-testid=release-state]").or(refused).waitFor();
    expect(await qe.locator("[data-testid=release-state]").textContent()).toContain("Quality Engineer");
    // The quality engineer may trace: each serial links to its evidence chain
    expect(
      await qe.locator(`[data-testid=order-serial][data-serial="${SERIALS[0]}"] a`).getAttribute("href"),
    ).toContain("/trace/backward?udi=");
    await screenshot(qe, "production-released-en");

    // When the warehouse receives the finished goods
    const warehouse = await j.as("acme-med", "warehouse");
    await warehouse.goto(orderUrl);
    const receive = warehouse.locator("[data-testid=fg-receive-form]");
    const fg = await receive.locator("option", { hasText: "WH-FG / F-01" }).getAttribute("value");
    await receive.getByLabel("Into location").selectOption(fg!);
    await receive.getByRole("button", { name: "Receive" }).click();
    await warehouse.locator("[data-testid=receipt-state]").waitFor();
    await warehouse.locator('[data-testid=order-header][data-status="received"]').waitFor();
    expect(await warehouse.locator("[data-testid=order-good]").textContent()).toBe("2");

    // And in Chinese the order speaks Chinese
    await switchLanguage(warehouse, "zh");
    await warehouse.getByRole("heading", { name: "成品入库" }).waitFor();
  });

  it("a hospital user gets the 403 page for production and no link to it", async () => {
    const page = await j.as("city-hospital", "biomed-engineer");
    expect(
      await page
        .getByRole("navigation")
        .getByRole("link", { name: /Production|生产/ })
        .count(),
    ).toBe(0);
    const res = await page.goto(`${j.portal}/production`);
    expect(res?.status()).toBe(403);
  });
});
