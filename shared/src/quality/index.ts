/** Nonconformance reports and CAPA (issue 15, QM-2). */
export * as Capas from "./capas.ts";
export * as Events from "./events.ts";
export * as Nonconformances from "./nonconformances.ts";
export * as Schema from "./schema.ts";
export * as Views from "./views.ts";
