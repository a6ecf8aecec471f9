export * as ProcurementEvents from "./events.ts";
export * as IncomingInspection from "./incoming-inspection.ts";
export * as PurchaseOrders from "./purchase-orders.ts";
export * as Receiving from "./receiving.ts";
export * as Sampling from "./sampling.ts";
export * as ProcurementSchema from "./schema.ts";
export * as SupplierParts from "./supplier-parts.ts";
