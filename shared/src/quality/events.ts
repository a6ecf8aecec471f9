import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { Disposition, Severity } from "./schema.ts";

/** The quality records' facts for whoever follows them (dashboards, reports, supplier scorecards). */
export const NonconformanceReported = defineEvent(
  "Quality.NonconformanceReported",
  1,
  z.object({
    ncId: z.string(),
    ncNo: z.string(),
    severity: Severity,
    source: z.string(),
    /** `<kind>:<id>`, as the early-warning subjects are written. */
    subject: z.string(),
  }),
);

export const NonconformanceDispositioned = defineEvent(
  "Quality.NonconformanceDispositioned",
  1,
  z.object({ ncId: z.string(), ncNo: z.string(), disposition: Disposition }),
);

const CapaFact = z.object({ capaId: z.string(), capaNo: z.string(), ncIds: z.array(z.string()) });

export const CapaOpened = defineEvent("Quality.CapaOpened", 1, CapaFact);
export const CapaClosed = defineEvent("Quality.CapaClosed", 1, CapaFact);
