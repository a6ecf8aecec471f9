import { randomUUID } from "node:crypto";
import { ApiError } from "./api";
import type { FieldIssue } from "./schemas";

/**
 * A form action the API refused: its code and words, and the fields it named. Every form's state
 * carries this shape for errors, so one component words them (components/form-feedback.tsx).
 */
export type Refusal = {
  status: "error";
  code: string;
  apiMessage?: string;
  issues: FieldIssue[];
  details?: Record<string, unknown>;
};

/** An API refusal as form state; anything else (redirects, forbidden, bugs) keeps propagating. */
export function refusal(e: unknown): Refusal {
  if (!(e instanceof ApiError)) throw e;
  return { status: "error", code: e.code, apiMessage: e.message, issues: e.issues, details: e.details };
}

/** A text field, trimmed. */
export const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
/** A text field, or undefined when left empty (the API then applies its default). */
export const opt = (form: FormData, name: string) => text(form, name) || undefined;
/** A number field: undefined when empty, else what was typed (NaN included, so the API names the field). */
export const num = (form: FormData, name: string) => (text(form, name) === "" ? undefined : Number(text(form, name)));
/** The form's Idempotency-Key, kept across a resubmitted form; a fresh one when it carries none. */
export const idempotencyKey = (form: FormData) => {
  const k = text(form, "idempotencyKey");
  return /^[\w-]{8,128}$/.test(k) ? k : randomUUID();
};
