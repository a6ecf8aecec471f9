import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { manualClock } from "../ports/clock.ts";
import { sequentialIds } from "../ports/ids.ts";
import { withActor, withScope } from "./context.ts";
import { Auth, Tenants, Users } from "./index.ts";

const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "test" });

describe("users", () => {
  beforeAll(async () => {
    await ensureTestTable();
    await withActor(system("acme"), () => Tenants.create({ name: "Acme", kind: "manufacturer", defaultLocale: "en" }));
  });

  it("creates a user that can log in, and a retry with the same idempotency key writes nothing new", async () => {
    const scope = { actor: system("acme"), idempotency: { key: "k1", requestHash: "h1" } };
    const input = { email: "Ann@Acme.test", name: "Ann", roles: ["admin" as const], password: "correct horse battery" };
    const first = await withScope(scope, () => Users.create(input));
    const again = await withScope(scope, () => Users.create(input));
    expect(again).toEqual(first);
    const all = await withActor(system("acme"), () => Users.list());
    expect(all.filter((u) => u.email === "ann@acme.test")).toHaveLength(1);
    const who = await withActor(system("acme"), () =>
      Auth.authenticate({ email: "ann@acme.test", password: "correct horse battery" }),
    );
    expect(who).toMatchObject({ tenantId: "acme", tenantKind: "manufacturer", roles: ["admin"] });
  });

  it("rejects a role of another tenant kind and writes nothing", async () => {
    await expect(
      withActor(system("acme"), () =>
        Users.create({
          email: "x@acme.test",
          name: "X",
          roles: ["ward-user" as never],
          password: "correct horse battery",
        }),
      ),
    ).rejects.toMatchObject({ code: "role-not-of-tenant-kind" });
    const all = await withActor(system("acme"), () => Users.list());
    expect(all.some((u) => u.email === "x@acme.test")).toBe(false);
  });

  it("names every user behind the actor ids records keep, disabled ones too, and nothing more", async () => {
    const as =
      (actor: ReturnType<typeof system>) =>
      <T>(f: () => Promise<T>) =>
        withActor(actor, f);
    const acme = as(system("acme"));
    const bo = await acme(() =>
      Users.create({ email: "bo@acme.test", name: "Bo Li", roles: ["operator"], password: "correct horse battery" }),
    );
    await acme(() => Users.disable({ userId: bo.userId, reason: "left the company" }));
    const people = await acme(() => Users.people());
    expect(people).toContainEqual({ actor: `user:${bo.userId}`, name: "Bo Li" });
    expect(Object.keys(people[0]!).sort()).toEqual(["actor", "name"]);
    // Another tenant's directory does not name acme's users.
    await withActor(system("other"), () => Tenants.create({ name: "Other", kind: "hospital", defaultLocale: "zh" }));
    expect(await withActor(system("other"), () => Users.people())).toEqual([]);
  });

  it("records the scope's clock and ids, and a later change the time the clock has moved to", async () => {
    const clock = manualClock("2031-03-01T09:00:00.000Z");
    const inScope = <T>(f: () => Promise<T>) =>
      withScope({ actor: system("acme"), clock, ids: sequentialIds("c10c") }, f);
    const created = await inScope(() =>
      Users.create({ email: "cy@acme.test", name: "Cy", roles: ["operator"], password: "correct horse battery" }),
    );
    expect(created).toMatchObject({
      userId: "0000c10c-0000-4000-8000-000000000001",
      createdAt: "2031-03-01T09:00:00.000Z",
    });

    clock.advance(3 * 86_400_000);
    await inScope(() => Users.disable({ userId: created.userId, reason: "moved to another site" }));
    const stored = await inScope(() => Users.get({ userId: created.userId }));
    expect(stored).toMatchObject({ createdAt: "2031-03-01T09:00:00.000Z", changedAt: "2031-03-04T09:00:00.000Z" });
  });
});
