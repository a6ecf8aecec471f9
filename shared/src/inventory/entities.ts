import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/** Serial and expiry are part of keys; these stand for "none" there and never leave the domain. */
export const NO_SERIAL = "-";
export const NO_EXPIRY = "9999-12-31";

/**
 * Stock of one material, lot and serial at one location. The counters change only by atomic
 * ADD in the transaction that appends the matching ledger line, guarded by `available >= q`, so
 * concurrent moves can neither lose an update nor take stock below zero.
 */
export const BalanceEntity = defineEntity({
  model: model("stockBalance"),
  attributes: {
    ...changeAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    expiresOn: { type: "string", required: true, readOnly: true },
    onHand: { type: "number" },
    reserved: { type: "number" },
    available: { type: "number" },
    /** Moves so far: a cycle count posts only onto the balance it counted. */
    seq: { type: "number" },
  },
  indexes: {
    // A material's stock, lot by lot (a lot across locations is a prefix)
    byMaterial: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId"],
        template: tenantKey("stock#${materialId}"),
        casing: "none",
      },
      sk: {
        field: "sk",
        composite: ["lotNo", "serialNo", "locationId"],
        template: "lot#${lotNo}#ser#${serialNo}#loc#${locationId}",
        casing: "none",
      },
    },
    // A warehouse's stock, location by location (a location is a prefix)
    byWarehouse: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "warehouseId"],
        template: tenantKey("stock-wh#${warehouseId}"),
        casing: "none",
      },
      sk: {
        field: "gsi1sk",
        composite: ["locationId", "materialId", "lotNo", "serialNo"],
        template: "loc#${locationId}#mat#${materialId}#lot#${lotNo}#ser#${serialNo}",
        casing: "none",
      },
    },
    // A material's stock by expiry, earliest first: FEFO picks
    byExpiry: {
      index: "gsi2",
      pk: {
        field: "gsi2pk",
        composite: ["tenantId", "materialId"],
        template: tenantKey("fefo#${materialId}"),
        casing: "none",
      },
      sk: {
        field: "gsi2sk",
        composite: ["expiresOn", "lotNo", "serialNo", "locationId"],
        template: "exp#${expiresOn}#lot#${lotNo}#ser#${serialNo}#loc#${locationId}",
        casing: "none",
      },
    },
  },
});

/** A lot of a material: its expiry (fixed at first receipt) and its quality status. */
export const LotEntity = defineEntity({
  model: model("stockLot"),
  attributes: {
    ...changeAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    expiresOn: { type: "string", required: true, readOnly: true },
    status: { type: ["released", "hold"] as const, required: true },
    holdReason: { type: "string" },
    statusChangedAt: { type: "string" },
    statusChangedBy: { type: "string" },
    receivedAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // One lot
    byLot: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId", "lotNo"],
        template: tenantKey("lot#${materialId}#${lotNo}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "lot", casing: "none" },
    },
    // Lots of a material, and (TR-3) a lot number across materials is found by its material
    lotsOfMaterial: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "materialId"],
        template: tenantKey("lots#${materialId}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["lotNo"], template: "lot#${lotNo}", casing: "none" },
    },
  },
});

/**
 * One ledger line. Created only, never updated or deleted (no route does either; the audit trail
 * would show it). Written in the same transaction as the balance change it records.
 */
export const LedgerLineEntity = defineEntity({
  model: model("ledgerLine"),
  attributes: {
    ...changeAttributes,
    lineId: { type: "string", required: true, readOnly: true },
    moveId: { type: "string", required: true, readOnly: true },
    kind: { type: "string", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    reservedDelta: { type: "number", required: true, readOnly: true },
    reason: { type: "string", readOnly: true },
    reference: { type: "string", readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    day: { type: "string", required: true, readOnly: true },
    by: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // A lot's ledger in time order (TR: where did this lot go)
    byLot: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId", "lotNo"],
        template: tenantKey("ledger#${materialId}#${lotNo}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["at", "lineId"], template: "at#${at}#${lineId}", casing: "none" },
    },
    // The tenant's ledger of one day in time order: one partition per day, never one for all time
    byDay: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "day"],
        template: tenantKey("ledger-day#${day}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["at", "lineId"], template: "at#${at}#${lineId}", casing: "none" },
    },
  },
});

/** A reservation of stock at one place for a purpose (a work order); reserved stock is not available to others. */
export const ReservationEntity = defineEntity({
  model: model("stockReservation"),
  attributes: {
    ...changeAttributes,
    reservationId: { type: "string", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    reference: { type: "string", required: true, readOnly: true },
    status: { type: ["open", "released", "consumed"] as const, required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    createdBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // One reservation
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "reservationId"],
        template: tenantKey("reservation#${reservationId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "reservation", casing: "none" },
    },
    // A material's reservations, newest last
    byMaterial: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "materialId"],
        template: tenantKey("reservations#${materialId}"),
        casing: "none",
      },
      sk: {
        field: "gsi1sk",
        composite: ["createdAt", "reservationId"],
        template: "at#${createdAt}#${reservationId}",
        casing: "none",
      },
    },
  },
});

/** Where one serial of a material is: it can be in stock at one place only, and leaves once. */
export const SerialUnitEntity = defineEntity({
  model: model("serialUnit"),
  attributes: {
    ...changeAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true },
    locationId: { type: "string", required: true },
    state: { type: ["in-stock", "issued", "shipped", "scrapped"] as const, required: true },
    /** The open shipment this serial is picked for: no other shipment may take it meanwhile. */
    pickedFor: { type: "string" },
    /** Custody once shipped (set by the ship move): one read tells where the device went. */
    shipmentId: { type: "string" },
    customerId: { type: "string" },
    /** The customer's own MedLoop tenant (a hospital), when it has one. */
    custodianTenantId: { type: "string" },
  },
  indexes: {
    // One serial of a material
    bySerial: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId", "serialNo"],
        template: tenantKey("serial#${materialId}#${serialNo}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "serial", casing: "none" },
    },
    // The serials of one lot with where each is (TR-3): a recall's custodians in one query per
    // finished lot, instead of a key lookup per serial. The lot is set when the serial first
    // enters stock and never changes, so no later write moves the item between partitions.
    byLot: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "materialId", "lotNo"],
        template: tenantKey("lot-serials#${materialId}#${lotNo}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["serialNo"], template: "${serialNo}", casing: "none" },
    },
  },
});

/** A cycle count of one location: counted quantities against the system's, posted after approval. */
export const CountEntity = defineEntity({
  model: model("cycleCount"),
  attributes: {
    ...changeAttributes,
    countId: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    status: { type: ["entered", "posted"] as const, required: true },
    // JSON of the lines with each balance's move count when counted (posting checks it is unchanged).
    lines: { type: "string", required: true, readOnly: true },
    countedBy: { type: "string", required: true, readOnly: true },
    countedAt: { type: "string", required: true },
    postedBy: { type: "string" },
    postedAt: { type: "string" },
    reason: { type: "string" },
  },
  indexes: {
    // One count
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "countId"],
        template: tenantKey("count#${countId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "count", casing: "none" },
    },
    // A warehouse's counts by status, oldest first: the approver's queue
    byWarehouse: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "warehouseId"],
        template: tenantKey("counts#${warehouseId}"),
        casing: "none",
      },
      sk: {
        field: "gsi1sk",
        composite: ["status", "countedAt", "countId"],
        template: "${status}#${countedAt}#${countId}",
        casing: "none",
      },
    },
  },
});

/**
 * A material's safety-stock threshold and whether usable stock is below it. The flag flips
 * under a condition, so each crossing emits its event once however many moves race.
 */
export const SafetyStockEntity = defineEntity({
  model: model("safetyStock"),
  attributes: {
    ...changeAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    threshold: { type: "number", required: true },
    available: { type: "number", required: true },
    below: { type: "boolean", required: true },
    evaluatedAt: { type: "string", required: true },
  },
  indexes: {
    // One material's threshold
    byMaterial: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId"],
        template: tenantKey("safety#${materialId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "safety", casing: "none" },
    },
    // Every threshold of the tenant (the planner's list; one small item per material)
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("safety-stock"), casing: "none" },
      sk: { field: "gsi1sk", composite: ["materialId"], template: "mat#${materialId}", casing: "none" },
    },
  },
});
