import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../infra/src/local/ports.ts";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import {
  type Browser,
  freshPage,
  openBrowser,
  screenshot,
  signedInHome,
  signIn,
  switchLanguage,
} from "./portal-steps.ts";

/**
 * The gateways and devices pages in Chromium, with the demo fleet running: the demo tenants'
 * simulated gateways publish through the broker, so the pages show live data.
 */
let p: TestPlatform;
let portal: string;
let browser: Browser;

beforeAll(async () => {
  p = await startTestPlatform({ portal: true, fleet: true });
  portal = p.urls.portal!;
  browser = await openBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

describe("gateways and devices in the portal", () => {
  it("a biomedical engineer sees the ward gateway online, its devices, and a device's live chart, in both languages", async () => {
    // Given the ward's gateway has delivered its first windows
    const token = await p.login("city-hospital", "biomed-engineer@city-hospital.test");
    await waitFor(
      async () => {
        const { body } = await p.call("GET", "/v1/devices", { token });
        return body.items.some((d: { lastSeenAt?: number }) => d.lastSeenAt !== undefined);
      },
      { what: "the demo gateway's first windows", timeoutMs: 45_000, intervalMs: 500 },
    );

    // When they sign in and open Gateways and devices from the navigation
    const page = await freshPage(browser);
    await signIn(page, portal, {
      tenant: "city-hospital",
      email: "biomed-engineer@city-hospital.test",
      password: p.demo.password,
    });
    await signedInHome(page, portal);
    await switchLanguage(page, "en");
    await page.getByRole("navigation").getByRole("link", { name: "Gateways and devices" }).click();
    await page.locator("[data-testid=edge-page]").waitFor();

    // Then the gateway is listed as online, with its devices
    const gateway = page.locator("[data-testid=gateway-row][data-thing='city-hospital_icu-3']");
    await expect(gateway.getAttribute("data-status")).resolves.toBe("online");
    expect(await gateway.textContent()).toContain("ICU ward 3");
    expect(await page.locator("[data-testid=device-row]").count()).toBe(5);
    expect(await page.locator("[data-testid=gateway-row]").count()).toBe(1);
    await screenshot(page, "edge-en");

    // And a device's page draws its signal, and redraws as new windows arrive
    const pump = "icu-3-pump-001";
    await page.locator(`[data-testid=device-row][data-device='${pump}'] a`).click();
    await page.locator("[data-testid=device-page]").waitFor();
    const chart = page.locator("[data-testid=live-chart] svg.chart");
    await chart.waitFor();
    const first = Number(await chart.getAttribute("data-points"));
    expect(first).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) => Number(document.querySelector("[data-testid=live-chart] svg.chart")?.getAttribute("data-points")) > n,
      first,
      { timeout: 30_000 },
    );
    await screenshot(page, "edge-chart-en");

    // And the same page reads in Chinese
    await switchLanguage(page, "zh");
    await page.getByRole("heading", { name: "实时信号" }).waitFor();
    await page.goto(`${portal}/edge`);
    await page.getByRole("heading", { name: "网关与设备", level: 1 }).waitFor();
    expect(await page.locator("[data-testid=gateway-row] [data-status=online]").textContent()).toBe("在线");
  });

  it("a service partner has no gateways link and gets the 403 page; another tenant's device is not found", async () => {
    const page = await freshPage(browser);
    await signIn(page, portal, {
      tenant: "fixit-service",
      email: "admin@fixit-service.test",
      password: p.demo.password,
    });
    await signedInHome(page, portal);
    await switchLanguage(page, "en");
    expect(await page.getByRole("navigation").getByRole("link", { name: "Gateways and devices" }).count()).toBe(0);
    expect((await page.goto(`${portal}/edge`))?.status()).toBe(403);

    const hospital = await freshPage(browser);
    await signIn(hospital, portal, {
      tenant: "river-hospital",
      email: "admin@river-hospital.test",
      password: p.demo.password,
    });
    await signedInHome(hospital, portal);
    expect((await hospital.goto(`${portal}/edge/devices/icu-3-pump-001`))?.status()).toBe(404);
  });
});
