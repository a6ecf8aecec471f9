"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/auth";
import { api } from "@/server/api";
import { type Refusal, refusal, text } from "@/server/forms";
import { LinkReason } from "@/server/schemas";

/** What a link form shows after its action: codes and names, worded by the form in the current language. */
export type LinkState =
  | { status: "idle" }
  | { status: "success"; done: "invited" | "accepted" | "refused" | "revoked"; name: string }
  | Refusal;

const PAGE = "/admin/links";

export async function invite(_prev: LinkState, form: FormData): Promise<LinkState> {
  await requireRole("admin", PAGE);
  try {
    const link = await api.tenantAdmin.tenantLinks.inviteTenant({
      body: { partnerTenantId: text(form, "partnerTenantId").toLowerCase() },
    });
    revalidatePath(PAGE);
    return { status: "success", done: "invited", name: link.partnerName };
  } catch (e) {
    return refusal(e);
  }
}

/** A row's answer: `intent` is `accept`, `refuse` or `revoke`; refusing and revoking need a reason. */
export async function answer(_prev: LinkState, form: FormData): Promise<LinkState> {
  await requireRole("admin", PAGE);
  const params = { partnerTenantId: text(form, "partnerTenantId") };
  const intent = text(form, "intent");
  try {
    if (intent === "accept") {
      const link = await api.tenantAdmin.tenantLinks.acceptTenantLink({ params });
      revalidatePath(PAGE);
      return { status: "success", done: "accepted", name: link.partnerName };
    }
    if (intent === "refuse" || intent === "revoke") {
      const input = LinkReason.safeParse({ reason: text(form, "reason") });
      if (!input.success) {
        return {
          status: "error",
          code: "invalid-input",
          issues: input.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
        };
      }
      const link =
        intent === "refuse"
          ? await api.tenantAdmin.tenantLinks.refuseTenantLink({ params, body: input.data })
          : await api.tenantAdmin.tenantLinks.revokeTenantLink({ params, body: input.data });
      revalidatePath(PAGE);
      return { status: "success", done: intent === "refuse" ? "refused" : "revoked", name: link.partnerName };
    }
    return { status: "error", code: "invalid-input", issues: [] };
  } catch (e) {
    return refusal(e);
  }
}
