import { z } from "zod";
import * as S from "../production/schema.ts";
import { barcode } from "../util/text.ts";
import { capability, route } from "./route.ts";

/** The genealogy names suppliers, lots and internal records: a manufacturer's, never a hospital's. */
const kinds = ["manufacturer"] as const;
const tracers = ["admin", "planner", "qc-inspector", "quality-engineer", "service-manager"] as const;

const either = (a: string[], b: string[]) => (q: Record<string, unknown>) =>
  a.every((k) => q[k] !== undefined) !== b.every((k) => q[k] !== undefined);

export const BackwardQuery = z
  .object({
    productId: z.uuid().optional(),
    serialNo: z.string().optional(),
    udi: barcode(z.string().max(200)).optional(),
  })
  .strict()
  .refine(either(["productId", "serialNo"], ["udi"]), { message: "give productId and serialNo, or udi" });

export const ForwardQuery = z
  .object({
    materialId: z.uuid().optional(),
    lotNo: z.string().optional(),
    supplierId: z.uuid().optional(),
    supplierLotNo: z.string().optional(),
  })
  .strict()
  .refine(either(["materialId", "lotNo"], ["supplierId", "supplierLotNo"]), {
    message: "give materialId and lotNo, or supplierId and supplierLotNo",
  });

export const traceability = capability({
  name: "traceability",
  spec: ["TR-1", "TR-2", "TR-3"],
  resources: {
    trace: {
      backward: route({
        method: "GET",
        path: "/v1/trace/backward",
        summary: "Backward trace of a unit (product + serial, or its UDI): the full evidence chain and its custodian",
        roles: tracers,
        kinds,
        request: { query: BackwardQuery },
        response: S.BackwardTrace,
        errors: { 404: ["unit-not-found"], 422: ["udi-unreadable", "udi-without-serial"] },
      }),
      forward: route({
        method: "GET",
        path: "/v1/trace/forward",
        summary: "Forward trace of a material lot or supplier lot: every finished lot and unit, and where each is now",
        roles: tracers,
        kinds,
        request: { query: ForwardQuery },
        response: S.ForwardTrace,
      }),
    },
  },
});
