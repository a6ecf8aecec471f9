export * from "./define.ts";
