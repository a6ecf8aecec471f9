export { configurePasswordCheck, type PasswordCheck, type Signer } from "./password-check.ts";
export * from "./signatures.ts";
