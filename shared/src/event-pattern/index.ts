export * from "./match.ts";
