/**
 * Recall campaigns (TR-4, issue 15 §6): a signed decision scoped by the forward trace, a notice in
 * each linked hospital's own tenant listing only its devices, each device's state to closure, and
 * the evidence pack for the regulator.
 */
export * as Campaigns from "./campaigns.ts";
export * as Events from "./events.ts";
export * as Evidence from "./evidence.ts";
export * as Notices from "./notices.ts";
export * as Schema from "./schema.ts";
export * as States from "./states.ts";
export * as Views from "./views.ts";
