import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Given/when/then steps for the portal journeys: Debian's Chromium driven by playwright-core,
 * with its own fresh profile folder that is removed again at the end.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), "medloop-chromium-"));
  // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport });
  context.setDefaultTimeout(20_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A clean page with nobody signed in (cookies of an earlier journey are dropped). */
export async function freshPage(browser: Browser): Promise<Page> {
  await browser.context.clearCookies();
  for (const p of browser.context.pages()) await p.close();
  return browser.context.newPage();
}

export async function signIn(page: Page, portal: string, who: { tenant: string; email: string; password: string }) {
  await page.goto(`${portal}/login`);
  await page.locator("#tenant").fill(who.tenant);
  await page.locator("#email").fill(who.email);
  await page.locator("#password").fill(who.password);
  // The sign-in form's own submit button (the language switch has submit buttons too).
  await page.locator("form.form button[type=submit]").click();
}

export async function signedInHome(page: Page, portal: string) {
  await page.waitForURL(`${portal}/`);
  await page.locator("[data-testid^=home-]").waitFor();
}

/** A fresh page signed in as `who`, on their home page, in `locale`: the start of most journeys. */
export async function signedInAs(
  browser: Browser,
  portal: string,
  who: { tenant: string; email: string; password: string },
  locale: "en" | "zh" = "en",
): Promise<Page> {
  const page = await freshPage(browser);
  await signIn(page, portal, who);
  await signedInHome(page, portal);
  await switchLanguage(page, locale);
  return page;
}

/** Clicks the language switch and waits until the page has re-rendered in that language. */
export async function switchLanguage(page: Page, to: "en" | "zh") {
  const lang = to === "zh" ? "zh-CN" : "en";
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.getByRole("button", { name: to === "zh" ? "中文" : "English" }).click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
}

export const htmlLang = (page: Page) => page.locator("html").getAttribute("lang");
export const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";

/** Optional screenshots for a human look: set PORTAL_SCREENSHOTS to a folder. */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.PORTAL_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export interface Journey {
  p: TestPlatform;
  portal: string;
  browser: Browser;
  /** A fresh page signed in as the demo user of `role` at `tenant`, on their home page, in `locale`. */
  as(tenant: string, role: string, locale?: "en" | "zh"): Promise<Page>;
}

/**
 * A journey file's platform with its portal and a Chromium: started before its tests, stopped
 * after them. Call at the top of the file; read the fields inside tests.
 */
export function portalJourney(opts: Parameters<typeof startTestPlatform>[0] = {}): Journey {
  const j = {} as Journey;
  beforeAll(async () => {
    j.p = await startTestPlatform({ ...opts, portal: true });
    j.portal = j.p.urls.portal!;
    j.browser = await openBrowser();
  }, 300_000);
  afterAll(async () => {
    await j.browser?.close();
    await j.p?.stop();
  });
  j.as = (tenant, role, locale = "en") =>
    signedInAs(j.browser, j.portal, { tenant, email: `${role}@${tenant}.test`, password: j.p.demo.password }, locale);
  return j;
}
