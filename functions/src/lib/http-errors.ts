import { DomainError, type ErrorKind, type FieldIssue } from "@medloop/shared";
import { z } from "zod";

/** The one place a domain error kind becomes an HTTP status. */
const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "unsupported-media-type": 415,
  unprocessable: 422,
};

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export const zodIssues = (error: z.ZodError, prefix = ""): FieldIssue[] =>
  error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));

/** The `code` an error is answered with. */
export const errorCodeOf = (error: unknown): string =>
  error instanceof DomainError ? error.code : error instanceof z.ZodError ? "invalid-input" : "internal";

export function errorResponse(error: unknown, correlationId?: string) {
  const code = errorCodeOf(error);
  if (error instanceof DomainError) {
    return json(STATUS[error.kind], {
      error: { code, message: error.message, issues: error.issues, details: error.details, correlationId },
    });
  }
  if (error instanceof z.ZodError) {
    return json(400, {
      error: { code, message: "The input is not valid", issues: zodIssues(error), correlationId },
    });
  }
  return json(500, {
    error: { code, message: "Something went wrong on our side; it has been logged", correlationId },
  });
}
