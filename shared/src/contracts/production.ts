import { z } from "zod";
import * as S from "../production/schema.ts";
import { capability, route } from "./route.ts";

/** Production records are a manufacturer's internal records: no hospital or partner reaches them. */
const kinds = ["manufacturer"] as const;

// Who does what (SEC-2, least privilege).
const readers = ["admin", "planner", "warehouse", "operator", "qc-inspector", "quality-engineer"] as const;
const planners = ["planner"] as const;
const line = ["operator"] as const;
// Material goes to the line from the store or is scanned by the operator at the line.
const issuers = ["operator", "warehouse"] as const;
const inspectors = ["qc-inspector"] as const;
const reporters = ["operator", "qc-inspector"] as const;
const dispositioners = ["quality-engineer", "qc-inspector"] as const;
// Batch release is quality's signed decision (MES-3, QM-1).
const releasers = ["quality-engineer"] as const;
const receivers = ["warehouse"] as const;

const OrderParams = z.object({ orderId: S.OrderId });

export const production = capability({
  name: "production",
  spec: ["MES-1", "MES-2", "MES-3", "MES-4"],
  resources: {
    productionOrders: {
      createOrder: route({
        method: "POST",
        path: "/v1/production/orders",
        errors: { 422: ["product-not-found"] },
        summary:
          "Release a production order: the BOM and route revisions in force on the planned start are snapshotted",
        roles: planners,
        kinds,
        request: { body: S.CreateOrderInput },
        response: S.Order,
        status: 201,
        idempotent: true,
      }),
      orders: route({
        method: "GET",
        path: "/v1/production/orders",
        summary: "Production orders, newest first (status filters)",
        roles: readers,
        kinds,
        request: { query: S.OrderListQuery },
        response: z.object({ items: z.array(S.Order) }),
      }),
      order: route({
        method: "GET",
        path: "/v1/production/orders/{orderId}",
        errors: { 404: ["production-order-not-found"] },
        summary: "One order's record: snapshots, issue lines with lot origins, operations, inspections, NCs, release",
        roles: readers,
        kinds,
        request: { params: OrderParams },
        response: S.OrderRecord,
      }),
    },
    productionSteps: {
      issue: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/issues",
        errors: { 404: ["production-order-not-found"], 422: ["wrong-material"] },
        summary: "Issue material by scanning its lot label; a wrong material, held or expired lot is refused",
        roles: issuers,
        kinds,
        request: { params: OrderParams, body: S.IssueMaterialInput.omit({ orderId: true }) },
        response: S.IssueLine,
        status: 201,
        idempotent: true,
      }),
      report: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/operations",
        errors: { 404: ["production-order-not-found"] },
        summary: "Report an operation: good/scrap, times, equipment; binds unit serials (and component serials)",
        roles: line,
        kinds,
        request: {
          params: OrderParams,
          body: S.ReportOperationBody,
        },
        response: S.OperationReport,
        status: 201,
        idempotent: true,
      }),
      inspect: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/inspections",
        errors: { 404: ["production-order-not-found"] },
        summary: "Record an in-process inspection with measurements against limits; a failure raises an NC",
        roles: inspectors,
        kinds,
        request: { params: OrderParams, body: S.InspectInput.omit({ orderId: true }) },
        response: S.Inspection,
        status: 201,
        idempotent: true,
      }),
      raiseNc: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/nonconformances",
        errors: { 404: ["production-order-not-found"] },
        summary: "Report a nonconformance from the line",
        roles: reporters,
        kinds,
        request: { params: OrderParams, body: S.RaiseNcInput.omit({ orderId: true }) },
        response: S.Nonconformance,
        status: 201,
        idempotent: true,
      }),
      disposition: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/nonconformances/{ncId}/disposition",
        errors: { 404: ["production-order-not-found"] },
        summary: "Disposition a nonconformance: scrap, rework, or use-as-is with a concession",
        roles: dispositioners,
        kinds,
        request: {
          params: OrderParams.extend({ ncId: z.uuid() }),
          body: S.DispositionBody,
        },
        response: S.Nonconformance,
      }),
      release: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/release",
        errors: { 404: ["production-order-not-found"], 422: ["open-nonconformances", "signature-invalid"] },
        summary: "Release the batch with an electronic signature (password, meaning 'released')",
        roles: releasers,
        kinds,
        signs: true,
        request: { params: OrderParams, body: S.ReleaseBatchInput.omit({ orderId: true }) },
        response: S.BatchRelease,
      }),
      receive: route({
        method: "POST",
        path: "/v1/production/orders/{orderId}/receipt",
        errors: { 404: ["production-order-not-found"] },
        summary: "Receive a released batch's good units into finished-goods stock (resumable)",
        roles: receivers,
        kinds,
        request: { params: OrderParams, body: S.ReceiveFgInput.omit({ orderId: true }) },
        response: z.object({
          orderId: z.string(),
          fgLotNo: z.string(),
          received: z.number(),
          serials: z.array(z.string()),
        }),
        idempotent: true,
      }),
    },
  },
});
