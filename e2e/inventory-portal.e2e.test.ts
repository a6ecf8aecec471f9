import { describe, expect, it } from "vitest";
import { portalJourney, screenshot, switchLanguage } from "./portal-steps.ts";

const j = portalJourney();

const signInAs = (role: string) => j.as("acme-med", role);

describe("inventory in Chromium", () => {
  it("the warehouse sees stock with hold and expiry, records a receipt, is refused an over-issue, and reads the lot's ledger", async () => {
    // Given the warehouse keeper of Acme on the stock page
    const page = await signInAs("warehouse");
    await page.getByRole("navigation").getByRole("link", { name: "Inventory" }).click();
    await page.waitForURL(`${j.portal}/inventory`);
    await page.getByRole("link", { name: "WH-RAW · Raw materials store" }).click();

    // Then the raw materials show the coating lot about to expire, and motors below safety stock
    await page.locator('[data-testid=stock-row][data-lot="C2510"]').getByText("Expires soon").waitFor();
    await page.locator('[data-testid=safety-row][data-below="true"]').first().waitFor();
    await screenshot(page, "inventory-stock-en");

    // And the quarantine store shows the motor lot on hold
    await page.getByRole("link", { name: "WH-QA · Quarantine" }).click();
    const held = page.locator('[data-testid=stock-row][data-lot="M-0415"]');
    await held.getByText("On hold").waitFor();
    expect(await held.getAttribute("data-status")).toBe("hold");

    // When they receive a new coating lot on the moves page
    await page.goto(`${j.portal}/inventory/moves`);
    const form = page.locator("[data-testid=move-form]");
    await form.getByLabel("Kind of move").selectOption("receipt");
    await form
      .getByLabel("Material", { exact: true })
      .selectOption({ label: "CTG-ACRYL · Conformal coating, acrylic (ml)" });
    await form
      .getByLabel("Location", { exact: true })
      .selectOption({ label: "WH-RAW / CS-01 · Cold store for coatings" });
    await form.getByLabel("Lot", { exact: true }).fill("C2701");
    await form.getByLabel("Quantity", { exact: true }).fill("25");
    await form.getByLabel("Expiry date (new lots)").fill("2031-01-31");
    await form.getByRole("button", { name: "Record move" }).click();

    // Then the receipt is confirmed
    await page.getByText("Receipt recorded: 1 ledger line(s).").waitFor();

    // When they try to issue more than there is
    await form.getByLabel("Kind of move").selectOption("issue");
    await form
      .getByLabel("Material", { exact: true })
      .selectOption({ label: "CTG-ACRYL · Conformal coating, acrylic (ml)" });
    await form
      .getByLabel("Location", { exact: true })
      .selectOption({ label: "WH-RAW / CS-01 · Cold store for coatings" });
    await form.getByLabel("Lot", { exact: true }).fill("C2701");
    await form.getByLabel("Quantity", { exact: true }).fill("26");
    await form.getByRole("button", { name: "Record move" }).click();

    // Then they are told why, and in Chinese once they switch
    await page.getByText("Not enough available stock at that location.").waitFor();
    await screenshot(page, "inventory-moves-en-error");
    await switchLanguage(page, "zh");
    await page.getByText("该库位的可用库存不足。").waitFor();

    // And the lot's ledger has the one receipt line
    const token = await j.p.login("acme-med", "warehouse@acme-med.test");
    const { body: stock } = await j.p.call("GET", "/v1/inventory/safety-stock", { token });
    const lots = await Promise.all(
      stock.items.map((s: { materialId: string }) =>
        j.p.call("GET", `/v1/inventory/stock?materialId=${s.materialId}`, { token }).then((r) => r.body.items),
      ),
    );
    const coating = lots.flat().find((b: { lotNo: string }) => b.lotNo === "C2701");
    await page.goto(`${j.portal}/inventory/lots/${coating.materialId}/C2701`);
    await page.locator("[data-testid=ledger-row]").first().waitFor();
    expect(await page.locator("[data-testid=ledger-row]").count()).toBe(1);
    await page.getByText("入库", { exact: true }).first().waitFor();
    await screenshot(page, "inventory-lot-zh");
  });

  it("quality releases the held lot; a planner posts the waiting count; FEFO lists the nearest expiry first", async () => {
    // Given the QC inspector on the held board lot's page
    const qc = await signInAs("qc-inspector");
    await qc.goto(`${j.portal}/inventory`);
    await qc.getByRole("link", { name: "WH-QA · Quarantine" }).click();
    await qc.locator('[data-testid=stock-row][data-lot="M-0415"] a').click();
    await qc.locator('[data-testid=lot-status][data-status="hold"]').waitFor();

    // When they release it with a reason
    await qc.getByLabel("Reason").fill("re-inspection passed");
    await qc.getByRole("button", { name: "Release from hold" }).click();

    // Then the lot is released
    await qc.getByText("Lot M-0415 is released.").waitFor();
    await qc.locator('[data-testid=lot-status][data-status="released"]').waitFor();

    // Given a planner on the counts page with the seeded count waiting
    const planner = await signInAs("planner");
    await planner.goto(`${j.portal}/inventory/counts`);
    const entry = planner.locator("[data-testid=count-entry]").first();
    await entry.waitFor();

    // When they approve it with a reason
    await entry.getByLabel("Reason").fill("cycle count reviewed");
    await entry.getByRole("button", { name: "Approve and post" }).click();

    // Then it is posted and leaves the queue
    await planner.getByText("No counts are waiting.").waitFor();

    // When they ask for 50 ml of coating by FEFO
    await planner.goto(`${j.portal}/inventory/fefo`);
    await planner
      .getByLabel("Material", { exact: true })
      .selectOption({ label: "CTG-ACRYL · Conformal coating, acrylic (ml)" });
    await planner.getByLabel("Quantity", { exact: true }).fill("50");
    await planner.getByRole("button", { name: "Suggest picks" }).click();

    // Then the lot that expires first comes first
    await planner.locator("[data-testid=fefo-row]").first().waitFor();
    expect(await planner.locator("[data-testid=fefo-row]").first().getAttribute("data-lot")).toBe("C2510");
    await screenshot(planner, "inventory-fefo-en");
  });

  it("a hospital user gets the 403 page for inventory and no link to it", async () => {
    const page = await j.as("city-hospital", "admin");
    expect(await page.getByRole("navigation").getByRole("link", { name: "Inventory" }).count()).toBe(0);
    const res = await page.goto(`${j.portal}/inventory`);
    expect(res?.status()).toBe(403);
  });
});
