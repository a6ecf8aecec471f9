import { isConditionFailed } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { now, nowMs } from "../ports/clock.ts";
import { useTenantId } from "./context.ts";
import * as SecurityAlerts from "./security-alerts.ts";

/**
 * Lockout after repeated wrong passwords (issue 12, finding 10; 21 CFR 11.300(d)). Sign-in and the
 * signature's re-authentication count together: both are a guess at the same password.
 *
 * - A user with `maxFailures` wrong passwords within `windowMs` is locked for `lockMs` (it lifts by
 *   itself so a locked-out last admin is not stuck; an admin may lift it earlier, with a reason).
 * - An organisation with `orgMaxFailures` within the window — a spray over many emails, each below
 *   the user threshold — raises an alert. It locks nobody: that would lock out the whole organisation.
 * Each lock and each spray raises one security alert for the admins.
 */
const MINUTE = 60_000;
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 30 * MINUTE, orgMaxFailures: 20 } as const;

const USER = "user#";
const userScope = (userId: string) => `${USER}${userId}`;
const ORG = "org";

/** The user's lock while it holds, and the failures counted against them so far. */
export async function state(userId: string): Promise<{ lockedUntil?: string; failures: number }> {
  const { data } = await Db.entities.signInFailures
    .get({ tenantId: useTenantId(), scope: userScope(userId) })
    .go({ consistent: true });
  if (!data) return { failures: 0 };
  const locked = data.lockedUntil && Date.parse(data.lockedUntil) > nowMs() ? data.lockedUntil : undefined;
  return { lockedUntil: locked, failures: data.failures };
}

/** The locks holding now, by user id: the admin's user list shows them. */
export async function locks(): Promise<Map<string, string>> {
  const { data } = await Db.entities.signInFailures.query.byScope({ tenantId: useTenantId() }).go({ pages: "all" });
  const at = nowMs();
  return new Map(
    data
      .filter((f) => f.scope.startsWith(USER) && f.lockedUntil && Date.parse(f.lockedUntil) > at)
      .map((f) => [f.scope.slice(USER.length), f.lockedUntil!]),
  );
}

/**
 * Count a wrong password against the organisation and, when it names a known user, against them;
 * lock and alert at the threshold. Returns how many attempts the user has left.
 */
export async function recordFailure(user: { userId: string; email: string } | undefined): Promise<number> {
  const [failures, orgFailures] = await Promise.all([user ? count(userScope(user.userId)) : 0, count(ORG)]);
  // Counted atomically: exactly one request reaches the threshold, so one lock and one alert.
  if (orgFailures === LOCKOUT.orgMaxFailures) {
    await SecurityAlerts.raise({
      kind: "sign-in-spray",
      failures: orgFailures,
      message: `${orgFailures} wrong passwords across the organisation within ${LOCKOUT.windowMs / MINUTE} minutes`,
    });
  }
  if (user && failures === LOCKOUT.maxFailures) await lock(user, failures);
  return Math.max(LOCKOUT.maxFailures - failures, 0);
}

/** A right password ends the count. */
export async function clear(userId: string): Promise<void> {
  await Db.entities.signInFailures.delete({ tenantId: useTenantId(), scope: userScope(userId) }).go();
}

type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

/** The write lifting a user's lock, for the admin's transaction (the reason reaches the audit trail). */
export const lift = (userId: string) => (e: Entities) =>
  e.signInFailures
    .patch({ tenantId: useTenantId(), scope: userScope(userId) })
    .set({ failures: 0 })
    .remove(["lockedUntil"])
    .commit();

/**
 * One more failure in the scope's window, or the first of a new window; the count after it. Both
 * writes are conditional on what was read: a request racing this one makes it count again.
 */
async function count(scope: string): Promise<number> {
  const tenantId = useTenantId();
  const at = now();
  const { data } = await Db.entities.signInFailures.get({ tenantId, scope }).go({ consistent: true });
  try {
    if (!data || Date.parse(data.windowStartedAt) + LOCKOUT.windowMs <= at.getTime()) {
      await Db.entities.signInFailures
        .put({ tenantId, scope, failures: 1, windowStartedAt: at.toISOString() })
        .where((a, op) => (data ? op.eq(a.windowStartedAt, data.windowStartedAt) : op.notExists(a.failures)))
        .go();
      return 1;
    }
    const { data: after } = await Db.entities.signInFailures
      .patch({ tenantId, scope })
      .add({ failures: 1 })
      .where((a, op) => op.eq(a.windowStartedAt, data.windowStartedAt))
      .go({ response: "all_new" });
    return after.failures;
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    return count(scope);
  }
}

async function lock(user: { userId: string; email: string }, failures: number) {
  const lockedUntil = new Date(nowMs() + LOCKOUT.lockMs).toISOString();
  await Db.entities.signInFailures
    .patch({ tenantId: useTenantId(), scope: userScope(user.userId) })
    .set({ lockedUntil })
    .go();
  await SecurityAlerts.raise({
    kind: "account-locked",
    userId: user.userId,
    email: user.email,
    failures,
    message: `${user.email}: ${failures} wrong passwords within ${LOCKOUT.windowMs / MINUTE} minutes; locked until ${lockedUntil}`,
  });
}
