import { Trace } from "@medloop/shared";
import { routes } from "../../capabilities/traceability.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.forward, ({ query }) =>
  Trace.forward(
    query.materialId
      ? { materialId: query.materialId, lotNo: query.lotNo! }
      : { supplierId: query.supplierId!, supplierLotNo: query.supplierLotNo! },
  ),
);
