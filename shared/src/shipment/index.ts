export * as ShippingEvents from "./events.ts";
export * as Shipments from "./shipments.ts";
