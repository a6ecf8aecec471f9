"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/auth";
import { api } from "@/server/api";
import { type Refusal, refusal as refused, text } from "@/server/forms";
import { CreateUserInput, DisableInput, RolesInput } from "@/server/schemas";

/**
 * What a form shows after its action. It carries codes and names, not sentences: the form words
 * them in the current language, so switching language re-words a message already on screen.
 */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; done: "created" | "roles" | "disabled" | "enabled" | "unlocked"; name: string }
  | Refusal;

export type CreateState = ActionState & {
  /** The idempotency key of the next submission: each submission gets a fresh one. */
  nextKey: string;
  /** What was typed, so a rejected form keeps it (never the password). */
  values?: { name: string; email: string; locale: string; roles: string[] };
};

const PAGE = "/admin/users";

const invalid = (error: z.ZodError): ActionState => ({
  status: "error",
  code: "invalid-input",
  issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
});

export async function createUser(_prev: CreateState, form: FormData): Promise<CreateState> {
  await requireRole("admin", PAGE);
  const nextKey = randomUUID();
  const values = {
    name: text(form, "name"),
    email: text(form, "email"),
    locale: text(form, "locale") || "en",
    roles: form.getAll("roles").map(String),
  };
  const key = text(form, "idempotencyKey");
  const input = CreateUserInput.safeParse({ ...values, password: String(form.get("password") ?? "") });
  if (!input.success) return { ...invalid(input.error), nextKey, values };
  try {
    const user = await api.tenantAdmin.users.createUser({
      body: input.data,
      idempotencyKey: /^[\w-]{8,128}$/.test(key) ? key : randomUUID(),
    });
    revalidatePath(PAGE);
    return { status: "success", done: "created", name: user.name, nextKey };
  } catch (e) {
    return { ...refused(e), nextKey, values };
  }
}

/** The row actions of one user: `intent` is `roles`, `disable`, `enable` or `unlock`. */
export async function changeUser(_prev: ActionState, form: FormData): Promise<ActionState> {
  await requireRole("admin", PAGE);
  const userId = text(form, "userId");
  const intent = text(form, "intent");
  try {
    if (intent === "roles") {
      const input = RolesInput.safeParse({ roles: form.getAll("roles").map(String) });
      if (!input.success) return invalid(input.error);
      const user = await api.tenantAdmin.users.assignRoles({
        params: { userId },
        body: { roles: input.data.roles },
      });
      revalidatePath(PAGE);
      return { status: "success", done: "roles", name: user.name };
    }
    if (intent === "disable") {
      const input = DisableInput.safeParse({ reason: text(form, "reason") });
      if (!input.success) return invalid(input.error);
      const user = await api.tenantAdmin.users.disableUser({
        params: { userId },
        body: { reason: input.data.reason },
      });
      revalidatePath(PAGE);
      return { status: "success", done: "disabled", name: user.name };
    }
    if (intent === "unlock") {
      const input = DisableInput.safeParse({ reason: text(form, "reason") });
      if (!input.success) return invalid(input.error);
      const user = await api.tenantAdmin.users.unlockUser({ params: { userId }, body: { reason: input.data.reason } });
      revalidatePath(PAGE);
      return { status: "success", done: "unlocked", name: user.name };
    }
    if (intent === "enable") {
      const user = await api.tenantAdmin.users.enableUser({ params: { userId }, body: {} });
      revalidatePath(PAGE);
      return { status: "success", done: "enabled", name: user.name };
    }
    return { status: "error", code: "invalid-input", issues: [] };
  } catch (e) {
    return refused(e);
  }
}
