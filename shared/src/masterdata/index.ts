export * as MasterDataEvents from "./events.ts";
export * as Locations from "./locations.ts";
export * as Materials from "./materials.ts";
export * as MasterDataSchema from "./schema.ts";
export * as Sites from "./sites.ts";
export * as Warehouses from "./warehouses.ts";
