import { describe, expect, it } from "vitest";
import { freshPage, portalJourney, signedInHome, signIn } from "./portal-steps.ts";

/** Issue 12, finding 11: the portal sends its own security headers, a nonce-based CSP among them. */
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
