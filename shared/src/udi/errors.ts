import type { UdiError, UdiErrorKind } from "./types.ts";

export const udiError = (error: UdiErrorKind, message: string, position?: number, ai?: string): UdiError => ({
  error,
  message,
  ...(position === undefined ? {} : { position }),
  ...(ai === undefined ? {} : { ai }),
});
