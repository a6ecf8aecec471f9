export * from "./context.ts";
export * from "./roles.ts";
