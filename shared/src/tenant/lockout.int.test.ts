import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { manualClock } from "../ports/clock.ts";
import { sign } from "../signature/index.ts";
import { type Actor, withScope } from "./context.ts";
import { Auth, LOCKOUT, SecurityAlerts, Tenants, Users } from "./index.ts";

const PASSWORD = "correct horse battery";
const WRONG = "wrong horse battery";
const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "login" });

/** A tenant of its own per test (the organisation's count is the tenant's), on a clock the test moves. */
async function organisation(tenantId: string) {
  const clock = manualClock("2031-05-01T08:00:00.000Z");
  const as = <T>(actor: Actor, f: () => Promise<T>) => withScope({ actor, clock }, f);
  const asSystem = <T>(f: () => Promise<T>) => as(system(tenantId), f);
  await asSystem(() => Tenants.create({ name: tenantId, kind: "manufacturer", defaultLocale: "en" }));
  const user = async (email: string) => {
    const u = await asSystem(() => Users.create({ email, name: email, roles: ["admin"], password: PASSWORD }));
    const actor: Actor = {
      type: "user",
      tenantId,
      tenantKind: "manufacturer",
      userId: u.userId,
      email,
      roles: ["admin"],
    };
    return { ...u, actor };
  };
  const login = (email: string, password: string) => asSystem(() => Auth.authenticate({ email, password }));
  const alerts = () => asSystem(() => SecurityAlerts.list({}));
  return { clock, as, asSystem, user, login, alerts };
}

describe("lockout after wrong passwords", () => {
  beforeAll(() => ensureTestTable());

  it(`locks after ${LOCKOUT.maxFailures} wrong passwords in the window, refuses even the right one, alerts the admins, and lifts by itself`, async () => {
    const org = await organisation("lock-a");
    const ann = await org.user("ann@lock-a.test");
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      await expect(org.login(ann.email, WRONG)).rejects.toMatchObject({ code: "invalid-credentials" });
    }
    // The same answer for the right and a wrong password: the lock does not test passwords.
    await expect(org.login(ann.email, PASSWORD)).rejects.toMatchObject({
      kind: "unauthorized",
      code: "account-locked",
    });
    await expect(org.login(ann.email, WRONG)).rejects.toMatchObject({ kind: "unauthorized", code: "account-locked" });
    expect(await org.alerts()).toEqual([
      expect.objectContaining({ kind: "account-locked", userId: ann.userId, failures: LOCKOUT.maxFailures }),
    ]);
    expect(await org.asSystem(() => Users.get({ userId: ann.userId }))).toMatchObject({
      lockedUntil: "2031-05-01T08:30:00.000Z",
    });

    org.clock.advance(LOCKOUT.lockMs);
    await expect(org.login(ann.email, PASSWORD)).resolves.toMatchObject({ userId: ann.userId });
    // A success ends the count: the next wrong password is the first of a new run.
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await expect(org.login(ann.email, WRONG)).rejects.toThrow();
    await expect(org.login(ann.email, PASSWORD)).resolves.toMatchObject({ userId: ann.userId });
  }, 120_000);

  it("counts wrong passwords arriving together exactly: one lock, one alert", async () => {
    const org = await organisation("lock-f");
    const fay = await org.user("fay@lock-f.test");
    const answers = await Promise.allSettled(
      Array.from({ length: LOCKOUT.maxFailures }, () => org.login(fay.email, WRONG)),
    );
    expect(answers.map((a) => a.status === "rejected" && (a.reason as { code: string }).code)).toEqual(
      Array(LOCKOUT.maxFailures).fill("invalid-credentials"),
    );
    await expect(org.login(fay.email, PASSWORD)).rejects.toMatchObject({ code: "account-locked" });
    expect(await org.alerts()).toEqual([expect.objectContaining({ kind: "account-locked", userId: fay.userId })]);
  }, 120_000);

  it("counts only within the window", async () => {
    const org = await organisation("lock-b");
    const bo = await org.user("bo@lock-b.test");
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await expect(org.login(bo.email, WRONG)).rejects.toThrow();
    org.clock.advance(LOCKOUT.windowMs);
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await expect(org.login(bo.email, WRONG)).rejects.toThrow();
    await expect(org.login(bo.email, PASSWORD)).resolves.toMatchObject({ userId: bo.userId });
    expect(await org.alerts()).toEqual([]);
  }, 120_000);

  it("the signature's re-authentication counts with sign-in, and a locked user cannot sign", async () => {
    const org = await organisation("lock-c");
    const cy = await org.user("cy@lock-c.test");
    const signing = (password: string) => org.as(cy.actor, () => sign({ password, meaning: "approved" }, "ncr/N1"));
    for (let left = LOCKOUT.maxFailures - 1; left >= 2; left--) {
      await expect(signing(WRONG)).rejects.toMatchObject({
        code: "signature-invalid",
        details: { attemptsLeft: left },
      });
    }
    await expect(org.login(cy.email, WRONG)).rejects.toMatchObject({ code: "invalid-credentials" });
    await expect(org.login(cy.email, WRONG)).rejects.toMatchObject({ code: "invalid-credentials" });
    await expect(signing(PASSWORD)).rejects.toMatchObject({ kind: "unprocessable", code: "account-locked" });
    await expect(org.login(cy.email, PASSWORD)).rejects.toMatchObject({ code: "account-locked" });
  }, 120_000);

  it("an admin lifts a lock with a reason; the user signs in again", async () => {
    const org = await organisation("lock-d");
    const admin = await org.user("admin@lock-d.test");
    const di = await org.user("di@lock-d.test");
    for (let i = 0; i < LOCKOUT.maxFailures; i++) await expect(org.login(di.email, WRONG)).rejects.toThrow();
    await expect(org.login(di.email, PASSWORD)).rejects.toMatchObject({ code: "account-locked" });
    const lifted = await withScope({ actor: admin.actor, clock: org.clock, reason: "called her back" }, () =>
      Users.unlock({ userId: di.userId, reason: "called her back" }),
    );
    expect(lifted.lockedUntil).toBeUndefined();
    expect((await org.asSystem(() => Users.list())).find((u) => u.userId === di.userId)?.lockedUntil).toBeUndefined();
    await expect(org.login(di.email, PASSWORD)).resolves.toMatchObject({ userId: di.userId });
  }, 120_000);

  it(`a spray of ${LOCKOUT.orgMaxFailures} wrong sign-ins over many emails raises one alert and locks nobody`, async () => {
    const org = await organisation("lock-e");
    const ed = await org.user("ed@lock-e.test");
    for (let i = 0; i < LOCKOUT.orgMaxFailures + 1; i++) {
      await expect(org.login(`guess${i}@lock-e.test`, WRONG)).rejects.toMatchObject({ code: "invalid-credentials" });
    }
    expect(await org.alerts()).toEqual([
      expect.objectContaining({ kind: "sign-in-spray", failures: LOCKOUT.orgMaxFailures }),
    ]);
    await expect(org.login(ed.email, PASSWORD)).resolves.toMatchObject({ userId: ed.userId });
  }, 180_000);
});
