import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { type BusEvent, LOCKOUT } from "@medloop/shared";
import { clientFromEnv, configureDb } from "@medloop/shared/db/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

let p: TestPlatform;
let admin: string;
const events: BusEvent[] = [];

beforeAll(async () => {
  p = await startTestPlatform({
    extraRules: [
      { name: "test-tap", pattern: { source: [{ prefix: "medloop." }] }, target: async (e) => void events.push(e) },
    ],
  });
  admin = await p.login("acme-med", "admin@acme-med.test");
});
afterAll(() => p?.stop());

const newUser = (over: Record<string, unknown> = {}) => ({
  email: `u-${randomUUID().slice(0, 8)}@acme-med.test`,
  name: "Test User",
  roles: ["planner"],
  password: "a long enough password",
  ...over,
});

describe("tenant administration through the API", () => {
  it("given an admin, when they create a user, then the user can sign in and the event is on the bus", async () => {
    const input = newUser();
    const created = await p.call("POST", "/v1/users", { token: admin, body: input });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: input.email, roles: ["planner"], status: "active" });
    expect(created.body).not.toHaveProperty("passwordHash");
    expect(await p.login("acme-med", input.email, input.password)).toBeTruthy();
    await p.settled();
    expect(
      events.filter(
        (e) => e["detail-type"] === "Tenant.UserCreated.v1" && JSON.stringify(e.detail).includes(created.body.userId),
      ),
    ).toHaveLength(1);
  });

  it("a retried create with the same Idempotency-Key returns the first answer and writes nothing new", async () => {
    const input = newUser();
    const headers = { "idempotency-key": `key-${randomUUID()}` };
    const first = await p.call("POST", "/v1/users", { token: admin, body: input, headers });
    const second = await p.call("POST", "/v1/users", { token: admin, body: input, headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const list = await p.call("GET", "/v1/users", { token: admin });
    expect(list.body.items.filter((u: { email: string }) => u.email === input.email)).toHaveLength(1);
    await p.settled();
    expect(events.filter((e) => JSON.stringify(e.detail).includes(input.email))).toHaveLength(1);
    const reused = await p.call("POST", "/v1/users", { token: admin, body: { ...input, name: "Other" }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency-key-reused");
  });

  it("bad input gets field-level 400s; a duplicate email 409; a role of another tenant kind 422; nothing is written", async () => {
    const before = (await p.call("GET", "/v1/users", { token: admin })).body.items.length;
    const bad = await p.call("POST", "/v1/users", {
      token: admin,
      body: { email: "not-an-email", name: "", roles: [], password: "short" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["body.email", "body.name", "body.password"]),
    );
    const notJson = await p.call("POST", "/v1/users", { token: admin, body: "{oops" });
    expect(notJson.body.error.code).toBe("invalid-json");
    const dup = await p.call("POST", "/v1/users", { token: admin, body: newUser({ email: "planner@acme-med.test" }) });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("email-taken");
    const wrongKind = await p.call("POST", "/v1/users", { token: admin, body: newUser({ roles: ["ward-user"] }) });
    expect(wrongKind.status).toBe(422);
    expect((await p.call("GET", "/v1/users", { token: admin })).body.items.length).toBe(before);
  });

  it("a disabled user cannot sign in until enabled; disabling needs a reason; roles can be replaced", async () => {
    const input = newUser();
    const { body: user } = await p.call("POST", "/v1/users", { token: admin, body: input });
    const noReason = await p.call("POST", `/v1/users/${user.userId}/disable`, { token: admin, body: {} });
    expect(noReason.status).toBe(400);
    const disabled = await p.call("POST", `/v1/users/${user.userId}/disable`, {
      token: admin,
      body: { reason: "left the company" },
    });
    expect(disabled.body.status).toBe("disabled");
    const refused = await p.call("POST", "/v1/auth/login", {
      body: { tenant: "acme-med", email: input.email, password: input.password },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("user-disabled");
    await p.call("POST", `/v1/users/${user.userId}/enable`, { token: admin, body: {} });
    const roles = await p.call("PUT", `/v1/users/${user.userId}/roles`, {
      token: admin,
      body: { roles: ["buyer", "planner"] },
    });
    expect(roles.body.roles).toEqual(["buyer", "planner"]);
    const token = await p.login("acme-med", input.email, input.password);
    expect((await p.call("GET", "/v1/me", { token })).body).toMatchObject({
      roles: ["buyer", "planner"],
      tenantKind: "manufacturer",
    });
  });

  it("a wrong password, an unknown user and an unknown organisation get the same answer", async () => {
    const answers = await Promise.all(
      [
        { tenant: "acme-med", email: "admin@acme-med.test", password: "nope-nope-nope" },
        { tenant: "acme-med", email: "nobody@acme-med.test", password: "nope-nope-nope" },
        { tenant: "no-such-org", email: "admin@acme-med.test", password: "nope-nope-nope" },
      ].map((body) => p.call("POST", "/v1/auth/login", { body })),
    );
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body.error.code).toBe("invalid-credentials");
    }
  });
});

describe("lockout after wrong passwords (issue 12, finding 10)", () => {
  const signIn = (email: string, password: string) =>
    p.call("POST", "/v1/auth/login", { body: { tenant: "acme-med", email, password } });

  it(`locks after ${LOCKOUT.maxFailures} wrong passwords, alerts the admins, and an admin lifts it with a reason`, async () => {
    const input = newUser();
    const { body: user } = await p.call("POST", "/v1/users", { token: admin, body: input });
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      const wrong = await signIn(input.email, "a wrong password!");
      expect([wrong.status, wrong.body.error.code]).toEqual([401, "invalid-credentials"]);
    }
    // The right password gets the same answer as a wrong one now.
    for (const password of [input.password, "a wrong password!"]) {
      const locked = await signIn(input.email, password);
      expect([locked.status, locked.body.error.code]).toEqual([401, "account-locked"]);
    }
    const alerts = await p.call("GET", "/v1/security-alerts", { token: admin });
    expect(alerts.body.items).toContainEqual(
      expect.objectContaining({ kind: "account-locked", userId: user.userId, email: input.email }),
    );
    expect((await p.call("GET", `/v1/users/${user.userId}`, { token: admin })).body.lockedUntil).toBeDefined();

    const noReason = await p.call("POST", `/v1/users/${user.userId}/unlock`, { token: admin, body: {} });
    expect(noReason.status).toBe(400);
    const lifted = await p.call("POST", `/v1/users/${user.userId}/unlock`, {
      token: admin,
      body: { reason: "confirmed by phone" },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body.lockedUntil).toBeUndefined();
    expect(await p.login("acme-med", input.email, input.password)).toBeTruthy();
    await p.settled();
    expect(
      events.filter(
        (e) =>
          e["detail-type"] === "Tenant.UserUnlocked.v1" &&
          JSON.stringify(e.detail).includes(user.userId) &&
          JSON.stringify(e.detail).includes("confirmed by phone"),
      ),
    ).toHaveLength(1);
    // Each failure, the lock and its lifting are on the audit trail, the lifting with its reason and admin.
    const key = encodeURIComponent(`signInFailures:user#${user.userId}`);
    const history = await p.call("GET", `/v1/audit/records/${key}?limit=100`, { token: admin });
    expect(history.status).toBe(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ reason: "confirmed by phone", actor: expect.stringMatching(/^user:/) }),
    );
    expect(history.body.items.length).toBeGreaterThanOrEqual(LOCKOUT.maxFailures + 1);
  });
});

describe("a dependency failing midway", () => {
  // The platform's own DynamoDB Local, known once it has started.
  let real: ReturnType<typeof clientFromEnv>;
  beforeAll(() => {
    real = clientFromEnv();
  });
  afterEach(() => configureDb(() => real));

  const failingTransactions = (mode: "before-write" | "after-write") => {
    configureDb(
      () =>
        ({
          send: async (command: unknown, options?: unknown) => {
            if (command instanceof TransactWriteCommand) {
              if (mode === "after-write") await real.send(command);
              throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
            }
            // biome-ignore lint/suspicious/noExplicitAny: pass-through of any command
            return real.send(command as any, options as any);
          },
        }) as never,
    );
  };

  it("when the write fails, no user, no email claim and no event exist", async () => {
    const input = newUser();
    failingTransactions("before-write");
    const res = await p.call("POST", "/v1/users", { token: admin, body: input });
    expect(res.status).toBe(500);
    configureDb(() => real);
    await p.settled();
    const list = await p.call("GET", "/v1/users", { token: admin });
    expect(list.body.items.some((u: { email: string }) => u.email === input.email)).toBe(false);
    expect(events.some((e) => JSON.stringify(e.detail).includes(input.email))).toBe(false);
    // The email is not left claimed: the same create now succeeds.
    expect((await p.call("POST", "/v1/users", { token: admin, body: input })).status).toBe(201);
  });

  it("when the answer is lost after the write, the client's retry gets the first result and no duplicate", async () => {
    const input = newUser();
    const headers = { "idempotency-key": `lost-${randomUUID()}` };
    failingTransactions("after-write");
    const lost = await p.call("POST", "/v1/users", { token: admin, body: input, headers });
    expect(lost.status).toBe(500);
    configureDb(() => real);
    const retry = await p.call("POST", "/v1/users", { token: admin, body: input, headers });
    expect(retry.status).toBe(201);
    await p.settled();
    const list = await p.call("GET", "/v1/users", { token: admin });
    expect(list.body.items.filter((u: { email: string }) => u.email === input.email)).toHaveLength(1);
    expect(events.filter((e) => JSON.stringify(e.detail).includes(input.email))).toHaveLength(1);
  });
});

describe("access to sensitive records (SEC-6)", () => {
  it("reading a user is itself on the tenant's audit trail, and the chain still verifies", async () => {
    const { body: user } = await p.call("POST", "/v1/users", { token: admin, body: newUser() });
    expect((await p.call("GET", `/v1/users/${user.userId}`, { token: admin })).status).toBe(200);
    await p.settled();
    const { Db } = await import("@medloop/shared/db/service");
    const { withActor } = await import("@medloop/shared");
    const today = new Date().toISOString().slice(0, 10);
    const { data } = await withActor({ type: "system", tenantId: "acme-med", name: "test" }, () =>
      Db.entities.access.query.byDay({ tenantId: "acme-med", day: today }).go({ pages: "all" }),
    );
    const access = data.find((a) => a.target.includes(user.userId));
    expect(access).toMatchObject({ route: "GET /v1/users/{userId}", status: 200 });
    expect(access?.changedBy).toMatch(/^user:/);
    const key = encodeURIComponent(`access:${access!.day}:${access!.at}:${access!.accessId}`);
    const history = await p.call("GET", `/v1/audit/records/${key}`, { token: admin });
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain(user.userId);
    const verify = await p.call("POST", "/v1/audit/verify", { token: admin, body: {} });
    // Anchored when the platform started (and every ANCHOR_EVERY records since); the rest is counted.
    expect(verify.body).toMatchObject({ ok: true, anchored: { seq: expect.any(Number) } });
    expect(verify.body.anchored.seq + verify.body.unanchored).toBe(verify.body.count);
    await p.settled();
    await p.scheduler.runNow("audit-anchor");
    const again = await p.call("POST", "/v1/audit/verify", { token: admin, body: {} });
    expect(again.body).toMatchObject({ ok: true, anchored: { seq: again.body.count }, unanchored: 0 });
  });
});
