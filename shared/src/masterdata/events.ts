import { z } from "zod";
import { defineEvent } from "../events/define.ts";

/** A master record was created or changed: downstream caches and the data-quality rules (MD-6) listen. */
export const MasterDataChanged = defineEvent(
  "MasterData.Changed",
  1,
  z.object({
    kind: z.string(),
    recordId: z.string(),
    code: z.string(),
    version: z.number().int(),
    change: z.enum(["created", "updated"]),
  }),
);

/** A BOM or process-route revision was released and is effective from a date. */
export const RevisionReleased = defineEvent(
  "MasterData.RevisionReleased",
  1,
  z.object({
    kind: z.enum(["bom", "route"]),
    productId: z.string(),
    revision: z.number().int(),
    effectiveFrom: z.string(),
  }),
);
