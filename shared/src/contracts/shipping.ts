import { z } from "zod";
import * as InstalledBase from "../installed-base/schema.ts";
import * as Shipments from "../shipment/schema.ts";
import { capability, route } from "./route.ts";

/** Shipments are the manufacturer's own records; a hospital sees only its installed-base projection. */
const manufacturer = ["manufacturer"] as const;
const hospital = ["hospital"] as const;

// Sales books the shipment, the warehouse picks and dispatches; service and quality look up where a serial went.
const shippers = ["admin", "sales", "warehouse"] as const;
const shipmentReaders = [...shippers, "service-manager", "quality-engineer"] as const;
// Everyone at a hospital may look up its devices (model, serial, warranty, whom to call).
const hospitalStaff = ["admin", "biomed-engineer", "ward-user"] as const;

const Params = z.object({ shipmentId: Shipments.ShipmentId });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const shipping = capability({
  name: "shipping",
  spec: ["TR-1", "SEC-3", "CRM-3"],
  resources: {
    shipments: {
      listShipments: route({
        method: "GET",
        path: "/v1/shipments",
        summary: "Outbound shipments, newest first (optionally of one status)",
        roles: shipmentReaders,
        kinds: manufacturer,
        request: { query: Shipments.ListQuery },
        response: items(Shipments.Shipment),
      }),
      createShipment: route({
        method: "POST",
        path: "/v1/shipments",
        errors: { 422: ["unknown-customer"] },
        summary: "Start a shipment to a customer; serials are picked onto it next",
        roles: shippers,
        kinds: manufacturer,
        request: { body: Shipments.CreateInput },
        response: Shipments.Shipment,
        status: 201,
        idempotent: true,
      }),
      getShipment: route({
        method: "GET",
        path: "/v1/shipments/{shipmentId}",
        errors: { 404: ["shipment-not-found"] },
        summary: "One shipment with its picked serials",
        roles: shipmentReaders,
        kinds: manufacturer,
        request: { params: Params },
        response: Shipments.ShipmentWithLines,
      }),
      pick: route({
        method: "POST",
        path: "/v1/shipments/{shipmentId}/lines",
        errors: { 404: ["shipment-not-found"], 422: ["lot-on-hold", "udi-unreadable"] },
        summary:
          "Pick a serial by scanning its UDI label (or by product and serial); refused if held, expired or not in stock",
        roles: shippers,
        kinds: manufacturer,
        request: { params: Params, body: Shipments.PickInput },
        response: Shipments.ShipmentWithLines,
        status: 201,
        idempotent: true,
      }),
      unpick: route({
        method: "DELETE",
        path: "/v1/shipments/{shipmentId}/lines/{productId}/{serialNo}",
        errors: { 404: ["shipment-not-found"] },
        summary: "Take a picked serial off an open shipment",
        roles: shippers,
        kinds: manufacturer,
        request: { params: Shipments.LineKey },
        response: Shipments.ShipmentWithLines,
      }),
      dispatch: route({
        method: "POST",
        path: "/v1/shipments/{shipmentId}/dispatch",
        errors: { 404: ["shipment-not-found"] },
        summary:
          "Ship every picked serial in one move (all or nothing) and hand the devices to the customer's installed base",
        roles: shippers,
        kinds: manufacturer,
        request: { params: Params },
        response: Shipments.ShipmentWithLines,
        idempotent: true,
      }),
      deliver: route({
        method: "POST",
        path: "/v1/shipments/{shipmentId}/deliver",
        errors: { 404: ["shipment-not-found"] },
        summary: "Record proof of delivery: the devices are installed and their warranty starts",
        roles: shippers,
        kinds: manufacturer,
        request: { params: Params, body: Shipments.DeliverInput },
        response: Shipments.ShipmentWithLines,
        idempotent: true,
      }),
      whereabouts: route({
        method: "GET",
        path: "/v1/products/{productId}/serials/{serialNo}",
        errors: { 404: ["serial-not-found"] },
        summary: "Where one serial of a device model is now: in stock, or the shipment and customer it went to",
        roles: shipmentReaders,
        kinds: manufacturer,
        request: { params: Shipments.SerialKey },
        response: Shipments.Whereabouts,
      }),
    },
    installedBase: {
      listInstalledBase: route({
        method: "GET",
        path: "/v1/installed-base",
        errors: { 422: ["udi-unreadable", "udi-incomplete"] },
        summary: "The hospital's devices (model, UDI, serial, warranty, service contact); search by serial or UDI scan",
        roles: hospitalStaff,
        kinds: hospital,
        request: { query: InstalledBase.ListQuery },
        response: items(InstalledBase.InstalledDevice),
      }),
      getInstalledDevice: route({
        method: "GET",
        path: "/v1/installed-base/{installedId}",
        errors: { 404: ["device-not-found"] },
        summary: "One device of the hospital's installed base",
        roles: hospitalStaff,
        kinds: hospital,
        request: { params: InstalledBase.DeviceKey },
        response: InstalledBase.InstalledDevice,
      }),
    },
  },
});
