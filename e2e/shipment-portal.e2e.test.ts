import { describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { portalJourney, screenshot, switchLanguage } from "./portal-steps.ts";

const j = portalJourney({ seed: "demo" });

const signInAs = (tenant: string, role: string) => j.as(tenant, role);

describe("shipments and installed base in Chromium", () => {
  it("a City General biomedical engineer finds a delivered pump in My devices, with its warranty and service contact", async () => {
    const token = await j.p.login("city-hospital", "biomed-engineer@city-hospital.test");
    // The seeded deliveries (and the shipment on its way) reach the hospital through the bus after start-up.
    for (const serial of ["IP200-2601-0001", "SP100-2601-0007"]) {
      await eventually(`City General's seeded ${serial}`, async () => {
        const { body } = await j.p.call("GET", `/v1/installed-base?serial=${serial}`, { token });
        return body.items?.length ? body : undefined;
      });
    }

    // Given the biomedical engineer of City General on their home page
    const page = await signInAs("city-hospital", "biomed-engineer");

    // When they open My devices
    await page.getByRole("navigation").getByRole("link", { name: "My devices" }).click();
    await page.waitForURL(`${j.portal}/installed-base`);

    // Then the delivered pumps and monitors are listed as installed, the syringe pumps as on their way
    await page.locator('[data-testid=device-row][data-serial="IP200-2601-0001"][data-status=installed]').waitFor();
    await page.locator('[data-testid=device-row][data-serial="SP100-2601-0007"][data-status=in-transit]').waitFor();
    // And nothing of the manufacturer's internal records shows (stock places, sales orders, River's devices)
    const listText = (await page.locator("main").textContent()) ?? "";
    for (const internal of ["WH-FG", "F-01", "SO-2026-0101", "IP200-2601-0009"])
      expect(listText).not.toContain(internal);
    await screenshot(page, "installed-base-en");

    // When they search by a serial's beginning
    await page.getByLabel("Serial number (or its beginning)").fill("PM500");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/serial=PM500/);
    expect(await page.locator("[data-testid=device-row]").count()).toBe(4);

    // And scan a pump's label into the UDI field
    await page.getByRole("link", { name: "Show all" }).click();
    await page.getByLabel("Or scan the UDI label").fill("(01)06950123450012(10)IP200-2601(21)IP200-2601-0001");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/udi=/);
    const rows = page.locator("[data-testid=device-row]");
    expect(await rows.count()).toBe(1);

    // Then the device page shows its UDI, a 24-month warranty from delivery and whom to call
    await rows.getByRole("link", { name: "IP200-2601-0001" }).click();
    await page.locator("[data-testid=device-detail]").waitFor();
    const udi = await page.locator("[data-testid=fact-udi]").textContent();
    for (const part of ["(01)06950123450012", "(10)IP200-2601", "(21)IP200-2601-0001"]) expect(udi).toContain(part);
    expect(await page.locator("[data-testid=warranty]").textContent()).toMatch(
      /^24 months, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/,
    );
    expect(await page.locator("[data-testid=service-contact]").textContent()).toContain("400-820-2026");
    await page.getByText("Under warranty").first().waitFor();

    // And in Chinese
    await switchLanguage(page, "zh");
    await page.getByRole("heading", { name: "我的设备", exact: true }).waitFor();
    await page.getByText("保修期内").first().waitFor();
    await screenshot(page, "installed-device-zh");
  });

  it("a hospital is refused the manufacturer's shipment pages", async () => {
    const page = await signInAs("city-hospital", "admin");
    await page.goto(`${j.portal}/shipments`);
    await page.locator("[data-testid=forbidden]").waitFor();
  });

  it("the warehouse starts a shipment, picks by scanning, is refused a held lot, and dispatches", async () => {
    // Given the warehouse keeper of Acme on the shipments page
    const page = await signInAs("acme-med", "warehouse");
    await page.getByRole("navigation").getByRole("link", { name: "Shipments" }).click();
    await page.waitForURL(`${j.portal}/shipments`);
    await page.locator("[data-testid=shipment-row][data-status=delivered]").first().waitFor();

    // When they start a shipment to River's hospital
    const form = page.locator("[data-testid=create-shipment-form]");
    await form
      .getByLabel("Customer")
      .selectOption({ label: "CUS-RIVER-HOSPITAL · Riverside Children's Hospital (receives an installed base)" });
    await form.getByLabel("Sales order / delivery note").fill("SO-BROWSER-1");
    await form.getByRole("button", { name: "Start shipment" }).click();
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/);

    // And scan a pump's label (the scanner ends with Enter)
    const scan = page.getByLabel("Scan the UDI label");
    await scan.fill("(01)06950123450012(10)IP200-2602(21)IP200-2602-0010");
    await scan.press("Enter");
    await page.getByText("Serial IP200-2602-0010 added.").waitFor();
    await page.locator('[data-testid=shipment-line][data-serial="IP200-2602-0010"]').waitFor();

    // And try a monitor from the held lot
    await scan.fill("(01)06950123450043(10)PM300-2602(21)PM300-2602-0003");
    await scan.press("Enter");
    await page.locator('[data-testid=pick-feedback][data-code="lot-on-hold"]').waitFor();
    await screenshot(page, "shipment-picking-en");

    // Then dispatching ships the one pump
    await page.getByRole("button", { name: "Dispatch 1 device(s)" }).click();
    await page.locator("[data-testid=shipment-status][data-status=dispatched]").waitFor();
    await page.locator("[data-testid=deliver-form]").waitFor();

    // And the shipments page answers where that serial went
    await page.goto(`${j.portal}/shipments`);
    const where = page.locator("[data-testid=whereabouts-form]");
    await where.getByLabel("Model").selectOption({ label: "IP-200 · Volumetric infusion pump IP-200" });
    await where.getByLabel("Serial number").fill("IP200-2602-0010");
    await where.getByRole("button", { name: "Look up" }).click();
    const answer = await page.locator("[data-testid=whereabouts]").textContent();
    expect(answer).toMatch(/^Shipped on SHP-\d{8}-[0-9A-F]{6} to Riverside Children's Hospital \(In transit\)\.$/);
  });
});
