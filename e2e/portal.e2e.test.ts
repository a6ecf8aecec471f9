import { randomUUID } from "node:crypto";
import { waitFor } from "@medloop/infra/local/ports";
import { DEMO_TENANTS } from "@medloop/infra/local/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import {
  type Browser,
  freshPage,
  htmlLang,
  openBrowser,
  screenshot,
  signedInAs,
  signedInHome,
  signIn,
  switchLanguage,
  text,
} from "./portal-steps.ts";

let p: TestPlatform;
let portal: string;
let browser: Browser;

beforeAll(async () => {
  // The demo fleet runs too: the gateways pages show the demo gateways' live data.
  p = await startTestPlatform({ portal: true, fleet: true });
  portal = p.urls.portal!;
  browser = await openBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const tenantName = (id: string) => DEMO_TENANTS.find((t) => t.tenantId === id)!.name;

/** What each kind's home must say, in both languages (the words come from the i18n catalogues). */
const homes = [
  {
    kind: "manufacturer",
    tenant: "acme-med",
    email: "admin@acme-med.test",
    en: { kind: "Manufacturer", sections: ["Production", "Quality", "Service"], nav: "Home", signOut: "Sign out" },
    zh: { kind: "制造商", sections: ["生产", "质量", "服务"], nav: "首页", signOut: "退出登录" },
  },
  {
    kind: "hospital",
    tenant: "city-hospital",
    email: "biomed-engineer@city-hospital.test",
    en: { kind: "Hospital", sections: ["Your devices", "Service requests"], nav: "Home", signOut: "Sign out" },
    zh: { kind: "医院", sections: ["您的设备", "服务请求"], nav: "首页", signOut: "退出登录" },
  },
  {
    kind: "partner",
    tenant: "fixit-service",
    email: "dispatcher@fixit-service.test",
    en: { kind: "Service partner", sections: ["Dispatch queue", "Work queue"], nav: "Home", signOut: "Sign out" },
    zh: { kind: "服务合作伙伴", sections: ["调度队列", "工作队列"], nav: "首页", signOut: "退出登录" },
  },
] as const;

describe("portal in Chromium", () => {
  it.each(homes)("a $kind user signs in to their own home, in English and then in Chinese", async (h) => {
    // Given a user of a $kind organisation, whose profile names a language
    const { body: login } = await p.call("POST", "/v1/auth/login", {
      body: { tenant: h.tenant, email: h.email, password: p.demo.password },
    });
    const page = await freshPage(browser);

    // When they sign in
    await signIn(page, portal, { tenant: h.tenant, email: h.email, password: p.demo.password });

    // Then they land on their organisation's home, first in their profile's language
    await signedInHome(page, portal);
    expect(await page.locator(`[data-testid=home-${h.kind}]`).count()).toBe(1);
    expect(await htmlLang(page)).toBe(login.user.locale === "zh" ? "zh-CN" : "en");

    // When they switch to English, then every label is English
    await switchLanguage(page, "en");
    const org = await text(page, "[data-testid=org]");
    expect(org).toContain(tenantName(h.tenant));
    expect(org).toContain(h.en.kind);
    for (const s of h.en.sections) await page.getByRole("heading", { name: s, exact: true }).waitFor();
    expect(await page.getByRole("navigation").getByRole("link", { name: h.en.nav }).count()).toBe(1);
    expect(await page.getByRole("button", { name: h.en.signOut }).count()).toBe(1);
    await screenshot(page, `home-${h.kind}-en`);

    // When they switch to Chinese, then the same page speaks Chinese
    await switchLanguage(page, "zh");
    expect(await text(page, "[data-testid=org]")).toContain(h.zh.kind);
    for (const s of h.zh.sections) await page.getByRole("heading", { name: s, exact: true }).waitFor();
    expect(await page.getByRole("navigation").getByRole("link", { name: h.zh.nav }).count()).toBe(1);
    expect(await page.getByRole("button", { name: h.zh.signOut }).count()).toBe(1);
    expect(await page.getByText("Your devices").count()).toBe(0);
    await screenshot(page, `home-${h.kind}-zh`);

    // And the choice is kept for this user on the next page
    await page.goto(`${portal}/`);
    expect(await htmlLang(page)).toBe("zh-CN");

    // When they sign out, then they are back at the sign-in page
    await page.getByRole("button", { name: h.zh.signOut }).click();
    await page.waitForURL(`${portal}/login`);
  });

  it("an admin creates a user on the users page, sees them listed, and gets translated errors", async () => {
    // Given the admin of Acme on the users page
    const page = await signedInAs(browser, portal, {
      tenant: "acme-med",
      email: "admin@acme-med.test",
      password: p.demo.password,
    });
    await page.getByRole("link", { name: "Users", exact: true }).click();
    await page.waitForURL(`${portal}/admin/users`);

    // When they create a planner
    const email = `portal-${randomUUID().slice(0, 8)}@acme-med.test`;
    const form = page.locator("[data-testid=create-user-form]");
    await form.getByLabel("Name").fill("Pat Planner");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill("a long enough password");
    await form.getByRole("checkbox", { name: "Planner" }).check();
    await form.getByRole("button", { name: "Create user" }).click();

    // Then the success is announced and the user is listed, active, with the role
    await page.getByText("Pat Planner was created.").waitFor();
    const row = page.locator(`[data-testid=user-row][data-email="${email}"]`);
    await row.waitFor();
    expect(await row.locator(".chip").allTextContents()).toEqual(["Planner"]);
    expect(await row.getAttribute("data-status")).toBe("active");
    await screenshot(page, "admin-users-en");

    // And the API agrees
    const token = await p.login("acme-med", "admin@acme-med.test");
    const { body } = await p.call("GET", "/v1/users", { token });
    expect(body.items).toContainEqual(expect.objectContaining({ email, roles: ["planner"], status: "active" }));

    // When they give the user a second role
    await row.getByText("Edit roles", { exact: true }).click();
    await row.getByRole("checkbox", { name: "Buyer" }).check();
    await row.getByRole("button", { name: "Save roles" }).click();
    await page.getByText("The roles of Pat Planner were updated.").waitFor();
    await row.locator(".chip", { hasText: "Buyer" }).waitFor();
    expect(await row.locator(".chip").allTextContents()).toEqual(["Buyer", "Planner"]);

    // When they disable the user with a reason, then enable them again
    await row.getByText("Disable", { exact: true }).click();
    await row.getByLabel("Reason").fill("left the company");
    await row.getByRole("button", { name: "Disable user" }).click();
    await page.getByText("Pat Planner was disabled.").waitFor();
    await page.locator(`[data-testid=user-row][data-email="${email}"][data-status="disabled"]`).waitFor();
    await row.getByRole("button", { name: "Enable" }).click();
    await page.getByText("Pat Planner was enabled.").waitFor();
    await page.locator(`[data-testid=user-row][data-email="${email}"][data-status="active"]`).waitFor();

    // When, in Chinese, they try to create a second user with the same email
    await switchLanguage(page, "zh");
    await form.getByLabel("姓名").fill("Pat Again");
    await form.getByLabel("邮箱").fill(email);
    await form.getByLabel("初始密码").fill("a long enough password");
    await form.getByRole("checkbox", { name: "计划员" }).check();
    await form.getByRole("button", { name: "创建用户" }).click();

    // Then the API's email-taken error is shown in Chinese, and what they typed is kept
    await page.getByText("您的机构中已存在使用此邮箱的用户。").waitFor();
    expect(await form.getByLabel("姓名").inputValue()).toBe("Pat Again");
    await screenshot(page, "admin-users-zh-error");

    // And a message already on screen follows the language switch
    await switchLanguage(page, "en");
    await page.getByText("A user with this email already exists in your organisation.").waitFor();
  });

  it("a user who is not an admin gets the 403 page for the users page, and no link to it", async () => {
    // Given a biomedical engineer of City Hospital
    const page = await signedInAs(browser, portal, {
      tenant: "city-hospital",
      email: "biomed-engineer@city-hospital.test",
      password: p.demo.password,
    });
    expect(await page.getByRole("navigation").getByRole("link", { name: "Users" }).count()).toBe(0);

    // When they open the users page directly
    const res = await page.goto(`${portal}/admin/users`);

    // Then they get the 403 page, in their language
    expect(res?.status()).toBe(403);
    await page.getByRole("heading", { name: "You do not have access to this page" }).waitFor();
    await switchLanguage(page, "zh");
    await page.getByRole("heading", { name: "您无权访问此页面" }).waitFor();
    await screenshot(page, "forbidden-zh");
  });

  it("a wrong password is refused with a translated message, and pages need a sign-in", async () => {
    const page = await freshPage(browser);
    const res = await page.goto(`${portal}/admin/users`);
    expect(new URL(res!.url()).pathname).toBe("/login");

    await switchLanguage(page, "en");
    await signIn(page, portal, { tenant: "acme-med", email: "admin@acme-med.test", password: "not the password" });
    await page.getByText("The organisation, email or password is wrong.").waitFor();

    await switchLanguage(page, "zh");
    await signIn(page, portal, { tenant: "acme-med", email: "admin@acme-med.test", password: "not the password" });
    await page.getByText("机构、邮箱或密码错误。").waitFor();
  });

  it("the API documentation lists the routes from the API's OpenAPI document, with their roles", async () => {
    const page = await freshPage(browser);
    await page.goto(`${portal}/login`);
    await switchLanguage(page, "en");
    await page.getByRole("link", { name: "API documentation" }).click();
    await page.waitForURL(`${portal}/api-docs`);
    const { body: doc } = await p.call("GET", "/openapi.json");
    const methods = ["get", "post", "put", "patch", "delete"];
    const count = Object.values(doc.paths as Record<string, object>).reduce(
      (n, item) => n + Object.keys(item).filter((k) => methods.includes(k)).length,
      0,
    );
    expect(await page.locator("[data-testid=api-operation]").count()).toBe(count);
    const createUser = page.locator("[data-testid=api-operation]", { hasText: "Create a user with roles" });
    expect(await createUser.textContent()).toContain("/v1/users");
    expect(await createUser.textContent()).toContain("Administrator");
    await createUser.getByText("Request body").click();
    expect(await createUser.locator("pre").first().textContent()).toContain('"password"');
  });

  it("a manufacturer browses master data in both languages and gets a row report from a CSV import", async () => {
    // Given the admin of Acme, in English
    const page = await signedInAs(browser, portal, {
      tenant: "acme-med",
      email: "admin@acme-med.test",
      password: p.demo.password,
    });

    // When they open master data, then the seeded products are listed with their UDI-DI
    await page.getByRole("link", { name: "Master data", exact: true }).click();
    await page.waitForURL(`${portal}/master-data/products`);
    const pump = page.locator("[data-testid=products-table] tr[data-code=IP-200]");
    expect(await pump.textContent()).toContain("06950123450012");

    // And a product shows both released BOM revisions and its route
    await pump.getByRole("link", { name: "IP-200" }).click();
    await page.locator("[data-testid=bom-revision][data-revision='2'][data-state=released]").waitFor();
    expect(await page.locator("[data-testid=bom-revision]").count()).toBe(2);
    expect(await page.locator("[data-testid=route-revision]").count()).toBe(2);
    await screenshot(page, "master-data-product-en");

    // And the suppliers page warns about the expired and the soon-expiring certificate
    await page.goto(`${portal}/master-data/suppliers`);
    await page.locator("[data-testid=certificate-warning]").waitFor();
    expect(await page.locator("[data-testid=certificate][data-validity=expired]").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("[data-testid=certificate][data-validity=expiring]").count()).toBeGreaterThanOrEqual(1);

    // When they switch to Chinese, the same page speaks Chinese
    await switchLanguage(page, "zh");
    await page.getByRole("link", { name: "供应商", exact: true }).waitFor();
    expect(await page.locator("[data-testid=certificate][data-validity=expired]").first().textContent()).toContain(
      "已过期",
    );
    await screenshot(page, "master-data-suppliers-zh");
    await switchLanguage(page, "en");

    // When they import a file with one invalid row, all or nothing
    await page.goto(`${portal}/master-data/import`);
    const form = page.locator("[data-testid=import-form]");
    await form.getByLabel("What to import").selectOption("materials");
    await form.getByLabel("How").selectOption("all");
    await form
      .getByLabel("…or paste CSV")
      .fill(
        "code,name,category,unit,tracking\nPORTAL-OK,Washer,mechanical,pcs,none\nPORTAL-BAD,Nut,mechanical,dozen,none",
      );
    await form.getByRole("button", { name: "Run" }).click();

    // Then nothing is imported and the report names the bad row
    await page.getByText("Nothing was imported: 1 row(s) are invalid.").waitFor();
    expect(await page.locator("[data-testid=import-row][data-action=invalid]").textContent()).toContain("unit");
    const token = await p.login("acme-med", "admin@acme-med.test");
    const { body } = await p.call("GET", "/v1/materials", { token });
    expect(body.items.map((m: { code: string }) => m.code)).not.toContain("PORTAL-OK");

    // And the data dictionary lists the UDI-DI with its meaning
    await page.goto(`${portal}/master-data/dictionary`);
    expect(await page.locator("[data-testid=dictionary-table] tr[data-field='product.udiDi']").textContent()).toContain(
      "UDI device identifier",
    );
  });

  it("a hospital user cannot open manufacturer master data (403 page)", async () => {
    const page = await freshPage(browser);
    await signIn(page, portal, {
      tenant: "city-hospital",
      email: "admin@city-hospital.test",
      password: p.demo.password,
    });
    await signedInHome(page, portal);
    expect(await page.getByRole("link", { name: /Master data|主数据/ }).count()).toBe(0);
    const res = await page.goto(`${portal}/master-data/suppliers`);
    expect(res?.status()).toBe(403);
    await page.locator("[data-testid=forbidden]").waitFor();
    expect(await page.locator("[data-testid=certificate]").count()).toBe(0);
  });
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
    const page = await signedInAs(browser, portal, {
      tenant: "city-hospital",
      email: "biomed-engineer@city-hospital.test",
      password: p.demo.password,
    });
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
    const page = await signedInAs(browser, portal, {
      tenant: "fixit-service",
      email: "admin@fixit-service.test",
      password: p.demo.password,
    });
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
