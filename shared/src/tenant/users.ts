import type { EntityItem } from "electrodb";
import { z } from "zod";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { fn } from "../util/fn.ts";
import { useActor, userActorId, useTenantId } from "./context.ts";
import type { UserEntity } from "./entities.ts";
import { UserCreated, UserDisabled, UserEnabled, UserRolesChanged, UserUnlocked } from "./events.ts";
import * as Lockout from "./lockout.ts";
import { hashPassword } from "./password.ts";
import {
  CreateUserInput,
  Info,
  isRoleOfKind,
  type Person,
  Reason,
  type Role,
  RolesByKind,
  type TenantKind,
} from "./schema.ts";
import { getTenant } from "./tenants.ts";

type UserItem = EntityItem<typeof UserEntity>;

const toInfo = (u: UserItem, lockedUntil?: string): Info =>
  Info.parse({
    userId: u.userId,
    tenantId: u.tenantId,
    email: u.email,
    name: u.name,
    roles: [...u.roles].sort(),
    status: u.status,
    lockedUntil,
    locale: u.locale,
    createdAt: u.createdAt,
    changedAt: u.changedAt,
    changedBy: u.changedBy,
  });

async function tenantKind(): Promise<TenantKind> {
  const actor = useActor();
  if (actor.type === "user") return actor.tenantKind;
  return (await getTenant()).kind;
}

async function checkRoles(roles: string[]): Promise<Role[]> {
  const kind = await tenantKind();
  const wrong = roles.filter((r) => !isRoleOfKind(kind, r));
  if (wrong.length) {
    throw unprocessable(
      "role-not-of-tenant-kind",
      `A ${kind} has no role ${wrong.join(", ")}; its roles are ${RolesByKind[kind].join(", ")}`,
    );
  }
  return roles as Role[];
}

export const create = fn(CreateUserInput, async (input): Promise<Info> => {
  const tenantId = useTenantId();
  const roles = await checkRoles(input.roles);
  const email = input.email.toLowerCase();
  const userId = uuid();
  const passwordHash = await hashPassword(input.password);
  const now = nowIso();
  const info = Info.parse({
    userId,
    tenantId,
    email,
    name: input.name,
    roles: [...roles].sort(),
    status: "active",
    locale: input.locale,
    createdAt: now,
  });
  return commit({
    writes: (e) => [
      e.userEmail.create({ tenantId, email, userId }).commit(),
      e.user
        .create({
          tenantId,
          userId,
          email,
          name: input.name,
          roles,
          locale: input.locale,
          passwordHash,
          createdAt: now,
        })
        .commit(),
    ],
    events: [emit(UserCreated, { userId, email, roles })],
    result: info,
    conditionFailed: () => conflict("email-taken", `A user with the email ${email} already exists in this tenant`),
  });
});

async function load(userId: string): Promise<UserItem> {
  const { data } = await Db.entities.user.get({ tenantId: useTenantId(), userId }).go({ consistent: true });
  if (!data) throw notFound("user-not-found", "No such user in this tenant");
  return data as UserItem;
}

export const get = fn(z.object({ userId: z.string() }), async ({ userId }) => {
  const [user, lock] = await Promise.all([load(userId), Lockout.state(userId)]);
  return toInfo(user, lock.lockedUntil);
});

/** All users of the tenant, by id (the admin page sorts by name). */
export async function list(): Promise<Info[]> {
  const [{ data }, locks] = await Promise.all([
    Db.entities.user.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" }),
    Lockout.locks(),
  ]);
  return data.map((u) => toInfo(u as UserItem, locks.get(u.userId))).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The names behind the actor ids records keep ("issued by user:…"), for every user of the tenant,
 * disabled ones too: whoever once signed or reported must still be named.
 */
export async function people(): Promise<Person[]> {
  return (await list()).map((u) => ({ actor: userActorId(u.userId), name: u.name }));
}

const setStatus = async (userId: string, status: "active" | "disabled", reason?: string) => {
  const tenantId = useTenantId();
  const before = await load(userId);
  const actor = useActor();
  if (status === "disabled" && actor.type === "user" && actor.userId === userId) {
    throw unprocessable("cannot-disable-self", "You cannot disable your own account");
  }
  if (before.status === status) return toInfo(before);
  const after = { ...before, status };
  return commit({
    writes: (e) => [
      e.user
        .patch({ tenantId, userId })
        .set({ status })
        .where((a, op) => op.eq(a.status, before.status))
        .commit(),
    ],
    events: [
      status === "disabled"
        ? emit(UserDisabled, { userId, email: before.email, reason: reason ?? "" })
        : emit(UserEnabled, { userId, email: before.email }),
    ],
    result: toInfo({ ...after, changedBy: undefined, changedAt: nowIso() } as UserItem),
    conditionFailed: () => conflict("concurrent-change", "The user was changed at the same time; reload and retry"),
  });
};

export const disable = fn(z.object({ userId: z.string(), reason: Reason }), ({ userId, reason }) =>
  setStatus(userId, "disabled", reason),
);
export const enable = fn(z.object({ userId: z.string() }), ({ userId }) => setStatus(userId, "active"));

/** Lift a lockout before it ends by itself (lockout.ts): an admin's act, with a reason, audited. */
export const unlock = fn(z.object({ userId: z.string(), reason: Reason }), async ({ userId, reason }) => {
  const [user, lock] = await Promise.all([load(userId), Lockout.state(userId)]);
  if (!lock.lockedUntil) return toInfo(user);
  return commit({
    writes: (e) => [Lockout.lift(userId)(e)],
    events: [emit(UserUnlocked, { userId, email: user.email, reason })],
    result: toInfo(user),
  });
});

export const assignRoles = fn(
  z.object({ userId: z.string(), roles: z.array(z.string()).min(1, "a user needs at least one role") }),
  async ({ userId, roles }) => {
    const tenantId = useTenantId();
    const checked = await checkRoles(roles);
    const before = await load(userId);
    const beforeRoles = [...before.roles].sort();
    const after = [...new Set(checked)].sort();
    const actor = useActor();
    if (actor.type === "user" && actor.userId === userId && !after.includes("admin") && beforeRoles.includes("admin")) {
      throw unprocessable("cannot-drop-own-admin", "You cannot remove your own admin role");
    }
    if (beforeRoles.join() === after.join()) return toInfo(before);
    return commit({
      writes: (e) => [
        e.user
          .patch({ tenantId, userId })
          .set({ roles: after })
          .where((a, op) => op.eq(a.changedAt, before.changedAt ?? ""))
          .commit(),
      ],
      events: [emit(UserRolesChanged, { userId, email: before.email, before: beforeRoles, after })],
      result: toInfo({ ...before, roles: new Set(after) } as unknown as UserItem),
      conditionFailed: () => conflict("concurrent-change", "The user was changed at the same time; reload and retry"),
    });
  },
);
