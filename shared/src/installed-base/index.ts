export * as InstalledBaseEvents from "./events.ts";
export * as InstalledBase from "./installed-base.ts";
