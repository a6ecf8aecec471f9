import { type Actor, Tenants, Users, withActor } from "@medloop/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeUserPool } from "../../../test/cognito-fake.ts";
import { ensureTestTable } from "../../../test/table.ts";
import { handler } from "./identity-directory.ts";

const system: Actor = { type: "system", tenantId: "sync-co", name: "test" };
const busEvent = (detailType: string, userId: string) => ({
  version: "0" as const,
  id: crypto.randomUUID(),
  "detail-type": detailType,
  source: "medloop.tenant",
  account: "1",
  time: new Date().toISOString(),
  region: "eu-central-1",
  resources: [],
  detail: {
    id: crypto.randomUUID(),
    tenantId: "sync-co",
    occurredAt: new Date().toISOString(),
    actor: "x",
    data: { userId },
  },
});

describe("identity-directory subscription", () => {
  const pool = fakeUserPool();
  let userId: string;

  beforeAll(async () => {
    process.env.COGNITO_USER_POOL_ID = "eu-central-1_test";
    await ensureTestTable();
    userId = await withActor(system, async () => {
      await Tenants.create({ name: "Sync Co", kind: "hospital", defaultLocale: "zh" });
      const u = await Users.create({
        email: "Bo@Sync.test",
        name: "Bo",
        roles: ["ward-user"],
        password: "long enough pw",
      });
      return u.userId;
    });
  });
  afterAll(() => pool.mock.restore());

  it("reads the user and their tenant from the table and brings Cognito in line", async () => {
    expect(await handler(busEvent("Tenant.UserCreated.v1", userId))).toEqual({ actions: ["created"] });
    expect(pool.users.get(userId)?.attributes).toMatchObject({
      preferred_username: "sync-co:bo@sync.test",
      "custom:tenantKind": "hospital",
      "custom:roles": "ward-user",
    });

    await withActor(system, () => Users.disable({ userId, reason: "left the hospital" }));
    expect(await handler(busEvent("Tenant.UserDisabled.v1", userId))).toEqual({ actions: ["disabled"] });
    expect(pool.users.get(userId)?.enabled).toBe(false);
  });

  it("fails (for EventBridge to retry, then dead-letter) on an event it cannot act on", async () => {
    const writes = pool.writes();
    await expect(handler(busEvent("Tenant.UserCreated.v1", crypto.randomUUID()))).rejects.toMatchObject({
      code: "user-not-found",
    });
    await expect(handler({ ...busEvent("Tenant.UserCreated.v1", userId), detail: { data: {} } })).rejects.toThrow();
    expect(pool.writes()).toBe(writes);
  });
});
