import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeUserPool } from "../../../test/cognito-fake.ts";
import { type DirectoryUser, syncUser } from "./user-directory.ts";

const POOL = "eu-central-1_test";
const ann: DirectoryUser = {
  userId: "0b4b6a0e-6c1f-4c8e-9d57-2f7f0f0d9c11",
  tenantId: "acme-med",
  email: "ann@acme-med.test",
  roles: ["planner", "admin"],
  status: "active",
};

const as = (change: Partial<DirectoryUser>): DirectoryUser => ({ ...ann, ...change });

describe("user directory sync", () => {
  let pool: ReturnType<typeof fakeUserPool>;
  beforeEach(() => {
    pool = fakeUserPool();
  });
  afterEach(() => pool.mock.restore());

  it("creates a new user under their MedLoop id, signs in as <tenant>:<email>, invited by email with no password of ours", async () => {
    expect(await syncUser(pool.client, POOL, ann, "manufacturer")).toEqual(["created"]);
    expect(pool.users.get(ann.userId)).toEqual({
      enabled: true,
      attributes: {
        email: "ann@acme-med.test",
        email_verified: "true",
        preferred_username: "acme-med:ann@acme-med.test",
        "custom:tenantId": "acme-med",
        "custom:tenantKind": "manufacturer",
        "custom:roles": "admin planner",
      },
    });
    expect(pool.invitations).toEqual([{ username: ann.userId, mediums: ["EMAIL"], temporaryPassword: undefined }]);
  });

  it("changes nothing when Cognito already says what the table says (a redelivered event)", async () => {
    await syncUser(pool.client, POOL, ann, "manufacturer");
    const before = pool.writes();
    expect(await syncUser(pool.client, POOL, ann, "manufacturer")).toEqual([]);
    expect(pool.writes()).toBe(before);
  });

  it("follows role changes, disabling (with sign-out everywhere) and enabling", async () => {
    await syncUser(pool.client, POOL, ann, "manufacturer");
    expect(await syncUser(pool.client, POOL, as({ roles: ["quality-engineer"] }), "manufacturer")).toEqual(["roles"]);
    expect(pool.users.get(ann.userId)?.attributes["custom:roles"]).toBe("quality-engineer");

    const disabled = as({ roles: ["quality-engineer"], status: "disabled" });
    expect(await syncUser(pool.client, POOL, disabled, "manufacturer")).toEqual(["disabled"]);
    expect(pool.users.get(ann.userId)?.enabled).toBe(false);
    expect(pool.signedOut).toEqual([ann.userId]);

    expect(await syncUser(pool.client, POOL, { ...disabled, status: "active" }, "manufacturer")).toEqual(["enabled"]);
    expect(pool.users.get(ann.userId)?.enabled).toBe(true);
  });

  it("ends in the table's state when events arrive out of order: a 'disabled' before the 'created'", async () => {
    // The handler reads the user as it is now, so the first event to arrive carries the latest state.
    expect(await syncUser(pool.client, POOL, as({ status: "disabled" }), "manufacturer")).toEqual([
      "created",
      "disabled",
    ]);
    expect(await syncUser(pool.client, POOL, as({ status: "disabled" }), "manufacturer")).toEqual([]);
    expect(pool.users.get(ann.userId)?.enabled).toBe(false);
  });

  it("carries on when a concurrent delivery created the user between its read and its create", async () => {
    await syncUser(pool.client, POOL, as({ roles: ["admin"] }), "manufacturer");
    // This run's read misses the user: the concurrent delivery's create landed just after it.
    pool.failOnce(AdminGetUserCommand, new UserNotFoundException({ message: "User does not exist.", $metadata: {} }));
    expect(await syncUser(pool.client, POOL, ann, "manufacturer")).toEqual(["roles"]);
    expect(pool.users.get(ann.userId)?.attributes["custom:roles"]).toBe("admin planner");
  });

  it("throws when Cognito fails midway, so EventBridge retries; the retry converges", async () => {
    await syncUser(pool.client, POOL, ann, "manufacturer");
    pool.failOnce(
      AdminUpdateUserAttributesCommand,
      Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException" }),
    );
    const changed = as({ roles: ["admin"], status: "disabled" });
    await expect(syncUser(pool.client, POOL, changed, "manufacturer")).rejects.toThrow("Rate exceeded");
    expect(pool.users.get(ann.userId)?.enabled).toBe(true);
    expect(await syncUser(pool.client, POOL, changed, "manufacturer")).toEqual(["roles", "disabled"]);
    expect(pool.users.get(ann.userId)).toMatchObject({ enabled: false, attributes: { "custom:roles": "admin" } });
  });
});
