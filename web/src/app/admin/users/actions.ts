"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/auth";
import { type Catalogue, errorMessage, fieldMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { CreateUserInput, DisableInput, RolesInput } from "@/server/schemas";

/** What a form shows after its action: nothing yet, a success, or the error in the user's language. */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; at: number }
  | { status: "error"; message: string; issues: string[]; at: number };

export type CreateState = ActionState & {
  /** The idempotency key of the next submission: each submission gets a fresh one. */
  nextKey: string;
  /** What was typed, so a rejected form keeps it (never the password). */
  values?: { name: string; email: string; locale: string; roles: string[] };
};

const PAGE = "/admin/users";
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const unique = (xs: string[]) => [...new Set(xs)];

function rejected(t: Catalogue, issues: { path: PropertyKey[]; message: string }[]): ActionState {
  return {
    status: "error",
    message: t.errors["invalid-input"],
    issues: unique(issues.map((i) => fieldMessage(t, i.path.map(String).join("."), i.message))),
    at: Date.now(),
  };
}

/** An API refusal becomes words; anything else (redirects, bugs) keeps propagating. */
function failed(t: Catalogue, e: unknown): ActionState {
  if (!(e instanceof ApiError)) throw e;
  return {
    status: "error",
    message: errorMessage(t, e.code, e.message),
    issues: unique(e.issues.map((i) => fieldMessage(t, i.path, i.message))),
    at: Date.now(),
  };
}

export async function createUser(_prev: CreateState, form: FormData): Promise<CreateState> {
  await requireRole("admin", PAGE);
  const { t } = await getI18n();
  const nextKey = randomUUID();
  const values = {
    name: text(form, "name"),
    email: text(form, "email"),
    locale: text(form, "locale") || "en",
    roles: form.getAll("roles").map(String),
  };
  const key = text(form, "idempotencyKey");
  const input = CreateUserInput.safeParse({ ...values, password: String(form.get("password") ?? "") });
  if (!input.success) return { ...rejected(t, input.error.issues), nextKey, values };
  try {
    const user = await api.users.create(input.data, /^[\w-]{8,128}$/.test(key) ? key : randomUUID());
    revalidatePath(PAGE);
    return { status: "success", message: format(t.admin.create.success, { name: user.name }), at: Date.now(), nextKey };
  } catch (e) {
    return { ...failed(t, e), nextKey, values };
  }
}

/** The row actions of one user: `intent` is `roles`, `disable` or `enable`. */
export async function changeUser(_prev: ActionState, form: FormData): Promise<ActionState> {
  await requireRole("admin", PAGE);
  const { t } = await getI18n();
  const userId = text(form, "userId");
  const intent = text(form, "intent");
  try {
    if (intent === "roles") {
      const input = RolesInput.safeParse({ roles: form.getAll("roles").map(String) });
      if (!input.success) return rejected(t, input.error.issues);
      const user = await api.users.assignRoles(userId, input.data.roles);
      revalidatePath(PAGE);
      return { status: "success", message: format(t.admin.editRoles.success, { name: user.name }), at: Date.now() };
    }
    if (intent === "disable") {
      const input = DisableInput.safeParse({ reason: text(form, "reason") });
      if (!input.success) return rejected(t, input.error.issues);
      const user = await api.users.disable(userId, input.data.reason);
      revalidatePath(PAGE);
      return { status: "success", message: format(t.admin.disable.success, { name: user.name }), at: Date.now() };
    }
    if (intent === "enable") {
      const user = await api.users.enable(userId);
      revalidatePath(PAGE);
      return { status: "success", message: format(t.admin.enable.success, { name: user.name }), at: Date.now() };
    }
    return { status: "error", message: t.errors.fallback, issues: [], at: Date.now() };
  } catch (e) {
    return failed(t, e);
  }
}
