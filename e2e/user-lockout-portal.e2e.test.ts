import { randomUUID } from "node:crypto";
import { LOCKOUT } from "@medloop/shared";
import { describe, it } from "vitest";
import { freshPage, portalJourney, signedInHome, signIn } from "./portal-steps.ts";

const j = portalJourney();

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
