import { randomUUID } from "node:crypto";
import { LOCKOUT } from "@medloop/shared";
import { describe, expect, it } from "vitest";
import { announcedIdleMs, clientIdleMs } from "../test/platform.ts";
import { freshPage, portalJourney, signedInHome, signIn } from "./portal-steps.ts";

/**
 * Issue 12 in the portal, on one platform: the security headers it sends itself (finding 11, a
 * nonce-based CSP among them) and a locked account as its user and its admin see it (finding 10).
 */
const j = portalJourney();

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("the portal's security headers", () => {
  it("come on every page: a fresh CSP nonce per response, on Next's own inline scripts, and the usual headers", async () => {
    const [a, b] = await Promise.all([fetch(`${j.portal}/login`), fetch(`${j.portal}/login`)]);
    expect(a.status).toBe(200);
    const csp = a.headers.get("content-security-policy");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(nonceOf(csp)).not.toBe(nonceOf(b.headers.get("content-security-policy")));
    await b.body?.cancel();
    // Every inline script Next writes carries this response's nonce.
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(csp)}"`);
    expect(
      Object.fromEntries(
        ["x-content-type-options", "referrer-policy", "x-frame-options"].map((h) => [h, a.headers.get(h)]),
      ),
    ).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
    });
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    // Plain http locally: no HSTS (a browser would ignore it, and localhost must stay on http).
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("keeps an idle connection longer than Node's client does, so the client closes first and never reads a reset", async () => {
    expect(await announcedIdleMs(`${j.portal}/login`)).toBeGreaterThan(clientIdleMs);
  });

  it("adds HSTS behind an https front (CloudFront forwards the scheme)", async () => {
    const res = await fetch(`${j.portal}/login`, { headers: { "x-forwarded-proto": "https" } });
    await res.text();
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("the portal still runs in the browser with no CSP violation, signed out and signed in", async () => {
    const page = await freshPage(j.browser);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await signIn(page, j.portal, { tenant: "acme-med", email: "admin@acme-med.test", password: j.p.demo.password });
    await signedInHome(page, j.portal);
    for (const path of ["/admin/users", "/edge", "/api-docs"]) {
      await page.goto(`${j.portal}${path}`);
      // Next's client runtime has started: its scripts ran under the policy.
      await page.waitForFunction(() => "next" in window);
    }
    expect(violations).toEqual([]);
  });
});

describe("a locked account in the portal", () => {
  it("the user is told the account is locked; an admin sees it and lifts it with a reason", async () => {
    // Given a user locked by wrong passwords
    const admin = await j.p.login("acme-med", "admin@acme-med.test");
    const who = {
      tenant: "acme-med",
      email: `locked-${randomUUID().slice(0, 8)}@acme-med.test`,
      password: "a long enough password",
    };
    await j.p.call("POST", "/v1/users", {
      token: admin,
      body: { email: who.email, name: "Lee Locked", roles: ["planner"], password: who.password },
    });
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      await j.p.call("POST", "/v1/auth/login", { body: { ...who, password: "a wrong password!" } });
    }

    // When they sign in with the right password, they are told the account is locked
    const page = await freshPage(j.browser);
    await signIn(page, j.portal, who);
    await page.getByText("Too many wrong passwords: this account is locked for a while.").waitFor();

    // When the admin lifts the lock on the users page, with a reason
    await signIn(page, j.portal, { tenant: "acme-med", email: "admin@acme-med.test", password: j.p.demo.password });
    await signedInHome(page, j.portal);
    await page.goto(`${j.portal}/admin/users`);
    await page
      .locator("[data-testid=security-alerts]")
      .getByText(`${who.email} was locked after ${LOCKOUT.maxFailures} wrong passwords.`)
      .waitFor();
    const row = page.locator(`[data-testid=user-row][data-email="${who.email}"][data-locked=true]`);
    await row.getByText("Unlock", { exact: true }).click();
    await row.getByLabel("Reason for unlocking").fill("confirmed by phone");
    await row.getByRole("button", { name: "Lift the lock" }).click();
    await page.getByText("Lee Locked was unlocked.").waitFor();
    await page.locator(`[data-testid=user-row][data-email="${who.email}"]:not([data-locked])`).waitFor();

    // Then the user signs in
    await j.p.login(who.tenant, who.email, who.password);
  });
});

describe("an invitation to link in the portal", () => {
  it("a hospital admin finds the manufacturer's invitation under Linked organisations and accepts it", async () => {
    // Given acme-med invited River Children's again after the seeded link was revoked
    const acme = await j.p.login("acme-med", "admin@acme-med.test");
    const revoke = { token: acme, body: { reason: "new terms" } };
    expect((await j.p.call("POST", "/v1/tenant-links/river-hospital/revoke", revoke)).status).toBe(200);
    await j.p.settled();
    const invite = { token: acme, body: { partnerTenantId: "river-hospital" } };
    expect((await j.p.call("POST", "/v1/tenant-links", invite)).status).toBe(201);
    await j.p.settled();

    // When River's admin opens Linked organisations from the navigation and accepts
    const page = await j.as("river-hospital", "admin");
    await page.getByRole("navigation").getByRole("link", { name: "Linked organisations" }).click();
    const row = page.locator("[data-testid=link-row][data-partner=acme-med][data-status=invited]");
    await row.getByText("Awaiting answer").waitFor();
    await row.getByRole("button", { name: "Accept" }).click();

    // Then the page says so, and the link is accepted
    await page.getByText("The link with Acme Medical Devices is accepted.").waitFor();
    await page.locator("[data-testid=link-row][data-partner=acme-med][data-status=accepted]").waitFor();
  });

  it("City General's admin accepts the second manufacturer's invitation, and its monitors appear under My devices", async () => {
    // Given Pulse Monitoring Systems delivered monitors to City General before it answered (the seed)
    const page = await j.as("city-hospital", "admin");
    await page.getByRole("navigation").getByRole("link", { name: "My devices" }).click();
    await page.getByTestId("devices-table").waitFor();
    expect(await page.locator("[data-testid=device-row][data-serial^=PX7-]").count()).toBe(0);

    // When its admin accepts Pulse's invitation under Linked organisations
    await page.getByRole("navigation").getByRole("link", { name: "Linked organisations" }).click();
    const row = page.locator("[data-testid=link-row][data-partner=pulse-medical][data-status=invited]");
    await row.getByRole("button", { name: "Accept" }).click();
    await page.getByText("The link with Pulse Monitoring Systems is accepted.").waitFor();

    // Then the monitors Pulse delivered are in City General's devices, installed, once the bus has carried them
    await j.p.settled();
    await page.getByRole("navigation").getByRole("link", { name: "My devices" }).click();
    const monitors = page.locator("[data-testid=device-row][data-serial^=PX7-][data-status=installed]");
    await monitors.first().waitFor();
    expect(await monitors.count()).toBe(6);
    await expect.poll(() => monitors.first().textContent()).toContain("Pulse Monitoring Systems");
  });
});
