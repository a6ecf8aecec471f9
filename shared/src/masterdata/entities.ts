import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/**
 * Attributes every master record carries besides its own fields: its business code (unique per
 * tenant through a `masterCode` item written in the same transaction) and a version number that
 * guards updates (optimistic lock) and names the snapshot in `masterVersion`.
 */
const recordAttributes = {
  ...changeAttributes,
  code: { type: "string", required: true, readOnly: true },
  version: { type: "number", required: true },
  status: { type: ["active", "inactive"] as const, required: true, default: "active" },
} as const;

/** A material (component, raw material, packaging…): what BOMs consume and the ledger stocks. */
export const MaterialEntity = defineEntity({
  model: model("material"),
  attributes: {
    ...recordAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    category: { type: "string", required: true },
    unit: { type: "string", required: true },
    tracking: { type: ["lot", "serial", "none"] as const, required: true },
    shelfLifeDays: { type: "number" },
    specification: { type: "string" },
  },
  indexes: {
    // Materials of a tenant, by id (master data is small: one collection lists it)
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("materials"), casing: "none" },
      sk: { field: "sk", composite: ["materialId"], template: "material#${materialId}", casing: "none" },
    },
  },
});

/** A site (plant, depot). */
export const SiteEntity = defineEntity({
  model: model("site"),
  attributes: {
    ...recordAttributes,
    siteId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    address: { type: "string" },
    timezone: { type: "string", required: true },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("sites"), casing: "none" },
      sk: { field: "sk", composite: ["siteId"], template: "site#${siteId}", casing: "none" },
    },
  },
});

/** A warehouse of a site. */
export const WarehouseEntity = defineEntity({
  model: model("warehouse"),
  attributes: {
    ...recordAttributes,
    warehouseId: { type: "string", required: true, readOnly: true },
    siteId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    purpose: { type: "string", required: true },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("warehouses"), casing: "none" },
      sk: { field: "sk", composite: ["warehouseId"], template: "warehouse#${warehouseId}", casing: "none" },
    },
  },
});

/** A storage location (bin, shelf, floor area) inside one warehouse; its code is unique within it. */
export const LocationEntity = defineEntity({
  model: model("location"),
  attributes: {
    ...recordAttributes,
    warehouseId: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    kind: { type: "string", required: true },
  },
  indexes: {
    // Locations of a warehouse, by id
    byWarehouse: {
      pk: {
        field: "pk",
        composite: ["tenantId", "warehouseId"],
        template: tenantKey("warehouse#${warehouseId}#locations"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["locationId"], template: "location#${locationId}", casing: "none" },
    },
  },
});

/** A product (device model) with its UDI-DI. */
export const ProductEntity = defineEntity({
  model: model("product"),
  attributes: {
    ...recordAttributes,
    productId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    udiDi: { type: "string", required: true, readOnly: true },
    deviceClass: { type: "string", required: true },
    gmdnCode: { type: "string" },
    modelNumber: { type: "string", required: true },
    modelVersion: { type: "string", required: true },
    tracking: { type: ["lot", "serial"] as const, required: true },
    description: { type: "string" },
    warrantyMonths: { type: "number" },
    serviceContact: { type: "string" },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("products"), casing: "none" },
      sk: { field: "sk", composite: ["productId"], template: "product#${productId}", casing: "none" },
    },
  },
});

/** A supplier. */
export const SupplierEntity = defineEntity({
  model: model("supplier"),
  attributes: {
    ...recordAttributes,
    supplierId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    country: { type: "string", required: true },
    contactEmail: { type: "string" },
    approval: { type: "string", required: true },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("suppliers"), casing: "none" },
      sk: { field: "sk", composite: ["supplierId"], template: "supplier#${supplierId}", casing: "none" },
    },
  },
});

/** A qualification certificate of one supplier (ISO 13485, material approval…), with its scope and expiry. */
export const CertificateEntity = defineEntity({
  model: model("certificate"),
  attributes: {
    ...recordAttributes,
    supplierId: { type: "string", required: true, readOnly: true },
    certificateId: { type: "string", required: true, readOnly: true },
    type: { type: "string", required: true },
    issuer: { type: "string", required: true },
    scopeMaterialIds: { type: "list", items: { type: "string" }, required: true },
    scopeCategories: { type: "list", items: { type: "string" }, required: true },
    validFrom: { type: "string", required: true },
    expiresOn: { type: "string", required: true },
    documentKey: { type: "string" },
    documentName: { type: "string" },
    documentType: { type: "string" },
    documentSize: { type: "number" },
  },
  indexes: {
    // All certificates of the organisation (the expiry watch), or one supplier's by prefix
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("certificates"), casing: "none" },
      sk: {
        field: "sk",
        composite: ["supplierId", "certificateId"],
        template: "supplier#${supplierId}#certificate#${certificateId}",
        casing: "none",
      },
    },
  },
});

/** A customer (a hospital, a distributor); `tenantRef` links a hospital that is itself a MedLoop tenant. */
export const CustomerEntity = defineEntity({
  model: model("customer"),
  attributes: {
    ...recordAttributes,
    customerId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    type: { type: "string", required: true },
    region: { type: "string", required: true },
    address: { type: "string" },
    contactEmail: { type: "string" },
    tenantRef: { type: "string" },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("customers"), casing: "none" },
      sk: { field: "sk", composite: ["customerId"], template: "customer#${customerId}", casing: "none" },
    },
  },
});

/** A work centre (line, cell, test bench) that process-route operations run on. */
export const WorkCentreEntity = defineEntity({
  model: model("workCentre"),
  attributes: {
    ...recordAttributes,
    workCentreId: { type: "string", required: true, readOnly: true },
    siteId: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    kind: { type: "string", required: true },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("work-centres"), casing: "none" },
      sk: { field: "sk", composite: ["workCentreId"], template: "workCentre#${workCentreId}", casing: "none" },
    },
  },
});

/**
 * Business-code uniqueness within a tenant (material code, supplier code, product UDI-DI…), and the
 * lookup from code to id. Written in the same transaction as the record, guarded by "not exists".
 */
export const MasterCodeEntity = defineEntity({
  model: model("masterCode"),
  attributes: {
    // Audited like every record a person changes: an edit outside the API shows as unattributed.
    ...changeAttributes,
    kind: { type: "string", required: true, readOnly: true },
    code: { type: "string", required: true, readOnly: true },
    recordId: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byCode: {
      pk: {
        field: "pk",
        composite: ["tenantId", "kind", "code"],
        template: tenantKey("code#${kind}#${code}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "code", casing: "none" },
    },
  },
});

/** Every version of a master record as it was after each change: who, when, why and the whole record. */
export const MasterVersionEntity = defineEntity({
  model: model("masterVersion"),
  attributes: {
    ...changeAttributes,
    kind: { type: "string", required: true, readOnly: true },
    recordId: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
    change: { type: ["created", "updated"] as const, required: true, readOnly: true },
    reason: { type: "string", required: true, readOnly: true },
    snapshot: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // Versions of one record, oldest first
    byRecord: {
      pk: {
        field: "pk",
        composite: ["tenantId", "kind", "recordId"],
        template: tenantKey("history#${kind}#${recordId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["version"], template: "v#${version}", casing: "none" },
    },
  },
});

/**
 * A revision of a product's BOM or process route. A draft becomes released with an effective-from
 * date; a released revision is never edited, only closed (`effectiveTo`) by the next release.
 */
const revisionAttributes = {
  ...changeAttributes,
  productId: { type: "string", required: true, readOnly: true },
  revision: { type: "number", required: true, readOnly: true, padding: { length: 4, char: "0" } },
  state: { type: ["draft", "released"] as const, required: true },
  effectiveFrom: { type: "string" },
  effectiveTo: { type: "string" },
  note: { type: "string", required: true },
  createdBy: { type: "string", required: true, readOnly: true },
  createdAt: { type: "string", required: true, readOnly: true },
  releasedBy: { type: "string" },
  releasedAt: { type: "string" },
  releaseReason: { type: "string" },
} as const;

/** A BOM revision: material lines per unit of the product. */
export const BomEntity = defineEntity({
  model: model("bom"),
  attributes: {
    ...revisionAttributes,
    lines: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          position: { type: "number", required: true },
          materialId: { type: "string", required: true },
          quantity: { type: "number", required: true },
          unit: { type: "string", required: true },
          note: { type: "string" },
        },
      },
    },
  },
  indexes: {
    // BOM revisions of a product, oldest first
    byProduct: {
      pk: {
        field: "pk",
        composite: ["tenantId", "productId"],
        template: tenantKey("product#${productId}#boms"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["revision"], template: "bom#${revision}", casing: "none" },
    },
  },
});

/** A process-route revision: the operations, in sequence, each on a work centre. */
export const ProcessRouteEntity = defineEntity({
  model: model("processRoute"),
  attributes: {
    ...revisionAttributes,
    operations: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          sequence: { type: "number", required: true },
          code: { type: "string", required: true },
          name: { type: "string", required: true },
          workCentreId: { type: "string", required: true },
          setupMinutes: { type: "number", required: true },
          runMinutes: { type: "number", required: true },
          inspection: { type: "string", required: true },
        },
      },
    },
  },
  indexes: {
    // Route revisions of a product, oldest first
    byProduct: {
      pk: {
        field: "pk",
        composite: ["tenantId", "productId"],
        template: tenantKey("product#${productId}#routes"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["revision"], template: "route#${revision}", casing: "none" },
    },
  },
});
