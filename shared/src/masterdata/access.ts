import { type ManufacturerRole, RolesByKind } from "../tenant/schema.ts";

/**
 * Who may change which master data (SEC-2, least privilege). Every manufacturer role may read it:
 * the shop floor, stores, quality and service all work from the same products and materials.
 * Hospitals and partners may read none of it (routes declare `kinds: ["manufacturer"]`). The route
 * declarations and the data dictionary's "owner" column both come from this table.
 */
export const readers: readonly ManufacturerRole[] = RolesByKind.manufacturer;

export const writers = {
  // Device models carry the regulatory identity (UDI-DI, class): regulatory/quality own them.
  product: ["admin", "quality-engineer"],
  material: ["admin", "planner", "buyer", "quality-engineer"],
  // Buyers keep supplier records; supplier qualification (certificates) is quality's call.
  supplier: ["admin", "buyer", "quality-engineer"],
  certificate: ["admin", "quality-engineer"],
  customer: ["admin", "sales", "service-manager"],
  site: ["admin"],
  warehouse: ["admin", "warehouse"],
  location: ["admin", "warehouse"],
  workCentre: ["admin", "planner"],
  // Engineering drafts BOMs and routes; release makes them effective for production.
  bom: ["admin", "planner", "quality-engineer"],
  processRoute: ["admin", "planner", "quality-engineer"],
} as const satisfies Record<string, readonly ManufacturerRole[]>;

export type Owned = keyof typeof writers;
