import { z } from "zod";

/** One field of the data dictionary. */
export const Entry = z.object({
  entity: z.string(),
  field: z.string(),
  type: z.string(),
  required: z.boolean(),
  /** Unique in the organisation (business codes, UDI-DI). */
  unique: z.boolean(),
  meaning: z.object({ en: z.string(), zh: z.string() }),
  owner: z.array(z.string()),
  values: z.array(z.string()).optional(),
  pattern: z.string().optional(),
});
export type Entry = z.infer<typeof Entry>;
