import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { commit } from "../db/commit.ts";
import { type Actor, withActor } from "../tenant/context.ts";
import { Tenants, Users } from "../tenant/index.ts";
import { LOCKOUT } from "../tenant/lockout.ts";
import { configurePasswordCheck, listFor, type PasswordCheck, sign, write } from "./index.ts";
import { tablePasswordCheck } from "./password-check.ts";

const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "test" });
const PASSWORD = "correct horse battery";
let ann: Actor;
let bob: Actor;

async function userActor(tenantId: string, email: string): Promise<Actor> {
  const u = await withActor(system(tenantId), () =>
    Users.create({ email, name: email.split("@")[0]!, roles: ["quality-engineer"], password: PASSWORD }),
  );
  return { type: "user", tenantId, tenantKind: "manufacturer", userId: u.userId, email, roles: ["quality-engineer"] };
}

const signatureCount = (tenantId: string, record: string) =>
  withActor(system(tenantId), async () => (await listFor(record)).length);

describe("electronic signatures", () => {
  beforeAll(async () => {
    await ensureTestTable();
    await withActor(system("sig-co"), () =>
      Tenants.create({ name: "Sig Co", kind: "manufacturer", defaultLocale: "en" }),
    );
    ann = await userActor("sig-co", "ann@sig.test");
    bob = await userActor("sig-co", "bob@sig.test");
  });

  it("signs with the right password and stores the signature only with its act", async () => {
    const sig = await withActor(ann, () =>
      sign({ password: PASSWORD, meaning: "released", statement: "Batch meets specification" }, "batch/B1/release", {
        lot: "B1",
      }),
    );
    expect(sig).toMatchObject({ signerName: "ann", signerEmail: "ann@sig.test", meaning: "released" });
    expect(sig.manifest).toContain("ann <ann@sig.test>");
    expect(sig.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Signing alone writes no signature: it is written by the act's transaction.
    expect(await signatureCount("sig-co", "batch/B1")).toBe(0);
    await withActor(ann, () => commit({ writes: (e) => [write(sig)(e)], result: null }));
    const [stored] = await withActor(ann, () => listFor("batch/B1"));
    expect(stored).toEqual(sig);
  });

  it("refuses a wrong password with a typed error, and locks the account after repeated failures", async () => {
    for (let left = LOCKOUT.maxFailures - 1; left >= 0; left--) {
      await expect(
        withActor(bob, () => sign({ password: "wrong password!", meaning: "approved" }, "purchase-order/P1")),
      ).rejects.toMatchObject({ kind: "unprocessable", code: "signature-invalid", details: { attemptsLeft: left } });
    }
    // Locked now: even the right password is refused until the lock ends (tenant/lockout.int.test.ts).
    await expect(
      withActor(bob, () => sign({ password: PASSWORD, meaning: "approved" }, "purchase-order/P1")),
    ).rejects.toMatchObject({ code: "account-locked" });
    // Another user is not locked by Bob's failures.
    await expect(
      withActor(ann, () => sign({ password: PASSWORD, meaning: "approved" }, "purchase-order/P1")),
    ).resolves.toMatchObject({ signerEmail: "ann@sig.test" });
  });

  it("only a person signs, and the password check is a port (Cognito in AWS)", async () => {
    await expect(
      withActor(system("sig-co"), () => sign({ password: PASSWORD, meaning: "approved" }, "purchase-order/P2")),
    ).rejects.toMatchObject({ code: "signature-needs-user" });
    const asked: string[] = [];
    const cloud: PasswordCheck = {
      verify: async (s, p) => {
        asked.push(s.userId);
        return p === "cognito-password";
      },
    };
    configurePasswordCheck(cloud);
    try {
      await expect(
        withActor(ann, () => sign({ password: "cognito-password", meaning: "approved" }, "purchase-order/P2")),
      ).resolves.toMatchObject({ meaning: "approved" });
      expect(asked).toEqual([(ann as { userId: string }).userId]);
    } finally {
      configurePasswordCheck(tablePasswordCheck);
    }
  });

  it("rejects a malformed subject or meaning before checking anything", async () => {
    await expect(
      withActor(ann, () => sign({ password: PASSWORD, meaning: "approved" }, "no-id")),
    ).rejects.toBeInstanceOf(Error);
    await expect(
      withActor(ann, () => sign({ password: PASSWORD, meaning: "liked" as never }, "purchase-order/P3")),
    ).rejects.toBeInstanceOf(Error);
  });
});
