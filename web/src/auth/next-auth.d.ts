import type { Principal } from "@/server/schemas";

// What `authorize` hands to the `jwt` callback, and what the encrypted session cookie then carries.
declare module "next-auth" {
  interface User {
    principal: Principal;
    apiToken: string;
    expiresAt: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    principal?: Principal;
    apiToken?: string;
    expiresAt?: string;
  }
}
