export * as TenantLinkEvents from "./events.ts";
export * as TenantLinks from "./links.ts";
export * as TenantLinkMirror from "./mirror.ts";
