import { Udi } from "@medloop/shared";
import { describe, expect, it } from "vitest";
import { portalJourney, screenshot, switchLanguage } from "./portal-steps.ts";

const j = portalJourney();

// The seeded housing GTIN of the supplier whose ISO 13485 lapsed (infra/src/local/seed-procurement.ts).
const HOUSING_GTIN = `0695012340005${Udi.gs1CheckDigit("0695012340005")}`;

describe("purchasing in Chromium", () => {
  it("a quality engineer scans a lapsed supplier's label, is refused, signs an override, and accepts the lot at inspection", async () => {
    // Given the quality engineer of Acme on the purchase orders
    const page = await j.as("acme-med", "quality-engineer");
    await page.getByRole("navigation").getByRole("link", { name: "Purchasing" }).click();
    await page.waitForURL(`${j.portal}/procurement`);
    const row = page.locator('[data-testid=po-row][data-supplier="SUP-DGPLAST"][data-status="approved"]');
    await row.waitFor();
    await screenshot(page, "procurement-orders-en");

    // When they open the order to the supplier whose certificate lapsed and scan a label
    await row.getByRole("link").click();
    await page.locator('[data-testid=po-header][data-status="approved"]').waitFor();
    const form = page.locator("[data-testid=receive-form]");
    await form.getByLabel("Scanned label").fill(`(01)${HOUSING_GTIN}(10)HF-UI-1(37)40`);
    await form
      .getByLabel("Receiving location (the lot is put on hold)")
      .selectOption({ label: "WH-QA / Q-01 · Quarantine cage" });
    await form.getByRole("button", { name: "Receive" }).click();

    // Then the gate refuses and offers the signed override
    const dialog = page.locator("[data-testid=override-dialog]");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("certificate-expired");

    // When a wrong password is given, nothing is received
    await dialog.getByLabel("Reason for the override").fill("Renewed certificate seen at the supplier audit");
    await dialog.getByLabel("Your password (electronic signature)").fill("not my password");
    await dialog.getByRole("button", { name: "Sign and receive" }).click();
    // Waits for the answer to this submission, whatever it is, so a failure names the code it got.
    const answer = page.locator('[data-testid=receive-feedback]:not([data-code="supplier-not-qualified"])');
    await answer.waitFor();
    expect(await answer.getAttribute("data-code")).toBe("signature-invalid");
    expect(await page.locator("[data-testid=receipt-row]").count()).toBe(0);

    // And with the right one, the receipt is recorded with the signature's manifest, on hold
    await dialog.getByLabel("Reason for the override").fill("Renewed certificate seen at the supplier audit");
    await dialog.getByLabel("Your password (electronic signature)").fill(j.p.demo.password);
    await dialog.getByRole("button", { name: "Sign and receive" }).click();
    const done = page.locator('[data-testid=receive-feedback][role="status"]');
    const refusal = page.locator('[data-testid=receive-feedback][role="alert"]:not([data-code="signature-invalid"])');
    await done.or(refusal).waitFor();
    expect(await page.locator("[data-testid=receive-feedback]").textContent()).toBe(
      "Received 40 of lot HF-UI-1: on hold for incoming inspection.",
    );
    const receipt = page.locator('[data-testid=receipt-row][data-lot="HF-UI-1"]');
    await receipt.locator("[data-testid=override-badge]").waitFor();
    expect(await receipt.getAttribute("data-status")).toBe("awaiting-inspection");
    await screenshot(page, "procurement-override-en");

    // When they inspect it: lot of 40 at AQL 1.0 samples 13 (Ac 0)
    const inspect = page.locator('[data-testid=inspect-form][data-lot="HF-UI-1"]');
    await inspect.getByLabel("AQL").selectOption("1.0");
    expect(await inspect.locator("[data-testid=sampling-plan]").getAttribute("data-n")).toBe("13");
    await inspect.getByLabel("Characteristic 1").fill("Wall thickness");
    await inspect.getByLabel("Measured 1").fill("2.02–2.08 mm");
    await inspect.getByRole("button", { name: "Record inspection" }).click();

    // Then the lot is accepted, and the page reads in Chinese after switching
    await page.locator('[data-testid=inspection-row][data-result="accepted"]').waitFor();
    await page.locator('[data-testid=receipt-row][data-lot="HF-UI-1"][data-status="accepted"]').waitFor();
    await switchLanguage(page, "zh");
    await page.getByRole("heading", { name: "采购与收货" }).waitFor();
    await page.getByText("已签名放行", { exact: false }).first().waitFor();
    await screenshot(page, "procurement-order-zh");
    // One journey of six page loads and five server actions: under a full run on two cores it needs more than the default minute.
  }, 180_000);
});
