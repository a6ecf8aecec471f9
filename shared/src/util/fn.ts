import type { z } from "zod";

/**
 * A domain function that carries its input schema: handlers and the portal reuse `fn.schema`
 * instead of copying it, and the input is parsed once, here, whoever the caller is.
 */
export function fn<S extends z.ZodType, R>(schema: S, cb: (input: z.output<S>) => R) {
  const wrapped = (input: z.input<S>) => cb(schema.parse(input));
  wrapped.schema = schema;
  return wrapped as ((input: z.input<S>) => R) & { schema: S };
}
