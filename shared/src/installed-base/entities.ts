import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/**
 * One device in a hospital's installed base, in the HOSPITAL's partition. `stage` orders the
 * shipping events (1 dispatched, 2 delivered): a write commits only if it moves the device forward,
 * so redelivered and out-of-order events change nothing.
 */
export const InstalledDeviceEntity = defineEntity({
  model: model("installedDevice"),
  attributes: {
    ...changeAttributes,
    installedId: { type: "string", required: true, readOnly: true },
    stage: { type: "number", required: true },
    status: { type: ["in-transit", "installed"] as const, required: true },
    manufacturerName: { type: "string", required: true },
    serviceContact: { type: "string" },
    model: { type: "string", required: true },
    modelNumber: { type: "string", required: true },
    udiDi: { type: "string", required: true },
    udi: { type: "string", required: true },
    udiHri: { type: "string", required: true },
    serialNo: { type: "string", required: true },
    lotNo: { type: "string" },
    expiresOn: { type: "string" },
    shippedAt: { type: "string", required: true },
    deliveredAt: { type: "string" },
    warrantyMonths: { type: "number" },
    warrantyStart: { type: "string" },
    warrantyEnd: { type: "string" },
  },
  indexes: {
    // One device of the hospital
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "installedId"],
        template: tenantKey("installed#${installedId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "device", casing: "none" },
    },
    // The hospital's installed base by serial: the list, and a serial search as a key prefix
    bySerial: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("installed-base"), casing: "none" },
      sk: {
        field: "gsi1sk",
        composite: ["serialNo", "installedId"],
        template: "ser#${serialNo}#${installedId}",
        casing: "none",
      },
    },
  },
});
