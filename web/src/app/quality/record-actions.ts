"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey, num, opt, type Refusal, refusal, text } from "@/server/forms";

/**
 * The steps of nonconformance reports and CAPAs. Each goes to the API and, when it is taken,
 * redirects to the record with `?done=<step>` (the page says it was done and shows the next step);
 * a refusal stays on the form.
 */
export type StepState = { status: "idle" } | Refusal;

const ncPage = (ncId: string) => `/quality/nonconformances/${ncId}`;
const capaPage = (capaId: string) => `/quality/capas/${capaId}`;
const signatureOf = (form: FormData) => ({
  password: String(form.get("password") ?? ""),
  statement: opt(form, "statement"),
});
const ownerOf = (form: FormData) => ({ type: "role", role: text(form, "owner") });

/** Raised from an alert (its evidence and subject are the alert's) or reported by hand. */
export async function raiseNc(_prev: StepState, form: FormData): Promise<StepState> {
  await requireUser("/quality/nonconformances");
  const alertId = opt(form, "alertId");
  let ncId: string;
  try {
    const nc = await api.quality.nonconformances.raiseNonconformance({
      body: {
        source: alertId
          ? { kind: "alert", alertId }
          : { kind: text(form, "sourceKind"), reference: text(form, "reference") },
        title: text(form, "title"),
        description: text(form, "description"),
        severity: text(form, "severity"),
        subject: alertId ? undefined : { kind: text(form, "subjectKind"), id: text(form, "subjectId") },
        quantity: num(form, "quantity"),
      },
      idempotencyKey: idempotencyKey(form),
    });
    ncId = nc.ncId;
  } catch (e) {
    return refusal(e);
  }
  revalidatePath("/quality/nonconformances");
  if (alertId) revalidatePath(`/quality/alerts/${alertId}`);
  redirect(`${ncPage(ncId)}?done=raised`);
}

export async function dispositionNc(_prev: StepState, form: FormData): Promise<StepState> {
  const ncId = text(form, "ncId");
  await requireUser(ncPage(ncId));
  try {
    await api.quality.nonconformances.dispositionNonconformance({
      params: { ncId },
      body: {
        disposition: text(form, "disposition"),
        reason: text(form, "reason"),
        concessionNo: opt(form, "concessionNo"),
        signature: signatureOf(form),
      },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(ncPage(ncId));
  redirect(`${ncPage(ncId)}?done=dispositioned`);
}

export async function openCapa(_prev: StepState, form: FormData): Promise<StepState> {
  await requireUser("/quality/capas");
  let capaId: string;
  try {
    const capa = await api.quality.capas.openCapa({
      body: {
        kind: text(form, "kind"),
        title: text(form, "title"),
        problem: text(form, "problem"),
        ncIds: form.getAll("ncId").map(String),
        owner: ownerOf(form),
        dueOn: text(form, "dueOn"),
      },
      idempotencyKey: idempotencyKey(form),
    });
    capaId = capa.capaId;
  } catch (e) {
    return refusal(e);
  }
  revalidatePath("/quality/capas");
  redirect(`${capaPage(capaId)}?done=opened`);
}

/** A CAPA's step by its `intent`; each carries the revision the page was read at. */
export async function capaStep(_prev: StepState, form: FormData): Promise<StepState> {
  const capaId = text(form, "capaId");
  await requireUser(capaPage(capaId));
  const params = { capaId };
  const expectedRev = num(form, "rev");
  const intent = text(form, "intent");
  const capas = api.quality.capas;
  try {
    if (intent === "root-cause") {
      await capas.recordRootCause({
        params,
        body: {
          expectedRev,
          method: text(form, "method"),
          investigation: text(form, "investigation"),
          category: text(form, "category"),
          rootCause: text(form, "rootCause"),
        },
      });
    } else if (intent === "action-added") {
      await capas.addCapaAction({
        params,
        body: { expectedRev, description: text(form, "description"), owner: ownerOf(form), dueOn: text(form, "dueOn") },
      });
    } else if (intent === "action-done") {
      await capas.completeCapaAction({
        params: { ...params, actionId: text(form, "actionId") },
        body: { expectedRev, outcome: text(form, "outcome") },
      });
    } else if (intent === "effectiveness") {
      await capas.checkCapaEffectiveness({
        params,
        body: {
          expectedRev,
          criteria: text(form, "criteria"),
          evidence: text(form, "evidence"),
          effective: text(form, "effective") === "yes",
          signature: signatureOf(form),
        },
      });
    } else {
      await capas.closeCapa({
        params,
        body: { expectedRev, summary: text(form, "summary"), signature: signatureOf(form) },
      });
    }
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(capaPage(capaId));
  revalidatePath("/quality/capas");
  redirect(`${capaPage(capaId)}?done=${intent === "close" ? "closed" : intent}`);
}
