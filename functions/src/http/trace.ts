import { Trace } from "@medloop/shared";
import { traceability } from "@medloop/shared/contracts/traceability";
import { implement } from "../lib/implement.ts";

export const handler = implement(traceability.resources.trace, {
  backward: ({ query }) =>
    Trace.backward(query.udi ? { udi: query.udi } : { productId: query.productId!, serialNo: query.serialNo! }),
  forward: ({ query }) =>
    Trace.forward(
      query.materialId
        ? { materialId: query.materialId, lotNo: query.lotNo! }
        : { supplierId: query.supplierId!, supplierLotNo: query.supplierLotNo! },
    ),
});
