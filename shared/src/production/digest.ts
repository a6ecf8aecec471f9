import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/chain.ts";
import type { BackwardTrace } from "./schema.ts";

/**
 * The SHA-256 of a backward trace's evidence (the unit, its order's record, sub-assemblies and
 * custodian) as canonical JSON — not its read cost, which differs per read. A report printed from
 * the trace carries it, so the paper can be checked against the data.
 */
export const traceDigest = (trace: Pick<BackwardTrace, "unit" | "record" | "subAssemblies" | "custodian">) =>
  createHash("sha256")
    .update(
      canonicalJson({
        unit: trace.unit,
        record: trace.record,
        subAssemblies: trace.subAssemblies,
        custodian: trace.custodian,
      }),
    )
    .digest("hex");
