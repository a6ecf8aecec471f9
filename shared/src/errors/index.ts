/**
 * Typed domain errors. The domain throws these with a stable machine-readable `code`;
 * `functions/src/lib/http-errors.ts` is the one place that maps a kind to an HTTP status,
 * and the portal's i18n catalogue is the one place that maps a code to words.
 */
export type ErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "unsupported-media-type"
  | "unprocessable";

export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly issues?: FieldIssue[];

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    extra: { details?: Record<string, unknown>; issues?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.code = code;
    this.details = extra.details;
    this.issues = extra.issues;
  }
}

export const validation = (code: string, message: string, issues?: FieldIssue[]) =>
  new DomainError("validation", code, message, { issues });
export const unauthorized = (code: string, message: string) => new DomainError("unauthorized", code, message);
export const forbidden = (code: string, message: string) => new DomainError("forbidden", code, message);
export const notFound = (code: string, message: string) => new DomainError("not-found", code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError("conflict", code, message, { details });
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError("unprocessable", code, message, { details });
