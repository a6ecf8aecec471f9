import { z } from "zod";
import * as Sampling from "../procurement/sampling.ts";
import * as P from "../procurement/schema.ts";
import { capability, route } from "./route.ts";

/** Purchasing is a manufacturer's internal record: no hospital or partner reaches these routes, whatever its roles. */
const kinds = ["manufacturer"] as const;

// Who does what (SEC-2, least privilege).
const buyers = ["buyer", "admin"] as const;
const readers = ["buyer", "admin", "planner", "warehouse", "qc-inspector", "quality-engineer"] as const;
// The store receives; quality may receive too, because only quality may override the qualification gate.
const receivers = ["warehouse", "quality-engineer", "admin"] as const;
const inspectors = ["qc-inspector", "quality-engineer"] as const;

const Po = z.object({ poId: P.PoId });
const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const WithReason = z.object({ reason: P.Reason }).strict();

export const procurement = capability({
  name: "procurement",
  spec: ["INV-1"],
  resources: {
    purchaseOrders: {
      list: route({
        method: "GET",
        path: "/v1/purchase-orders",
        summary: "Purchase orders, newest first (filter by status)",
        roles: readers,
        kinds,
        request: { query: P.PoListQuery },
        response: Items(P.PoSummary),
      }),
      create: route({
        method: "POST",
        path: "/v1/purchase-orders",
        errors: { 422: ["unknown-supplier"] },
        summary:
          "Create a purchase order (draft) to an approved supplier, with lines: material, quantity, unit, due date",
        roles: buyers,
        kinds,
        request: { body: P.CreatePoInput },
        response: P.PurchaseOrder,
        status: 201,
        idempotent: true,
      }),
      get: route({
        method: "GET",
        path: "/v1/purchase-orders/{poId}",
        errors: { 404: ["po-not-found"] },
        summary: "A purchase order with its lines, receipts and incoming inspections",
        roles: readers,
        kinds,
        request: { params: Po },
        response: P.PoDetail,
      }),
      approve: route({
        method: "POST",
        path: "/v1/purchase-orders/{poId}/approve",
        errors: { 404: ["po-not-found"] },
        summary: "Approve a draft and send it to the supplier: receipts may be taken against it",
        roles: buyers,
        kinds,
        request: { params: Po },
        response: P.PoDetail,
      }),
      close: route({
        method: "POST",
        path: "/v1/purchase-orders/{poId}/close",
        errors: { 404: ["po-not-found"] },
        summary: "Close an approved order (reason required): nothing more is received against it",
        roles: buyers,
        kinds,
        request: { params: Po, body: WithReason },
        response: P.PoDetail,
      }),
      cancel: route({
        method: "POST",
        path: "/v1/purchase-orders/{poId}/cancel",
        errors: { 404: ["po-not-found"] },
        summary: "Cancel an order nothing was received against (reason required)",
        roles: buyers,
        kinds,
        request: { params: Po, body: WithReason },
        response: P.PoDetail,
      }),
    },
    poReceipts: {
      receive: route({
        method: "POST",
        path: "/v1/purchase-orders/{poId}/receipts",
        errors: { 422: ["signature-invalid", "supplier-not-qualified", "label-unreadable"] },
        summary:
          "Receive by scanning the supplier label into quarantine; an unqualified supplier needs a signed override by quality",
        roles: receivers,
        kinds,
        request: { params: Po, body: P.ReceiveInput },
        response: P.Receipt,
        status: 201,
        idempotent: true,
        // The override is signed: the function re-checks the signer's password (Cognito in AWS).
        signs: true,
      }),
      inspect: route({
        method: "POST",
        path: "/v1/purchase-orders/{poId}/receipts/{receiptId}/inspection",
        errors: { 404: ["po-not-found"] },
        summary:
          "Record the incoming inspection (GB/T 2828.1 plan, results); accept releases the lot, reject keeps it on hold",
        roles: inspectors,
        kinds,
        request: { params: Po.extend({ receiptId: P.ReceiptId }), body: P.InspectInput },
        response: P.Inspection,
        status: 201,
      }),
      samplingPlan: route({
        method: "GET",
        path: "/v1/sampling-plans",
        summary: "The GB/T 2828.1 / ISO 2859-1 single sampling plan (level II, normal) for a lot size and AQL",
        roles: readers,
        kinds,
        request: { query: Sampling.PlanInput },
        response: Sampling.Plan,
      }),
      lotOrigin: route({
        method: "GET",
        path: "/v1/lot-origins/{materialId}/{lotNo}",
        errors: { 404: ["origin-not-found"] },
        summary:
          "Where a received lot came from: supplier, supplier lot, PO, certificates in force, override, inspection",
        roles: readers,
        kinds,
        request: { params: P.LotKey },
        response: P.LotOrigin,
      }),
    },
    supplierParts: {
      supplierParts: route({
        method: "GET",
        path: "/v1/supplier-parts",
        summary: "Supplier parts: the GTIN on a supplier's label and the material it is",
        roles: readers,
        kinds,
        request: { query: P.SupplierPartsQuery },
        response: Items(P.SupplierPart),
      }),
      createSupplierPart: route({
        method: "POST",
        path: "/v1/supplier-parts",
        summary: "Map a supplier label's GTIN to a material (one GTIN, one material)",
        roles: buyers,
        kinds,
        request: { body: P.SupplierPartInput },
        response: P.SupplierPart,
        status: 201,
        idempotent: true,
      }),
    },
  },
});
