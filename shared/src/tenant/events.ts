import { z } from "zod";
import { defineEvent } from "../events/define.ts";

const UserRef = z.object({ userId: z.string(), email: z.string() });

export const UserCreated = defineEvent("Tenant.UserCreated", 1, UserRef.extend({ roles: z.array(z.string()) }));
export const UserDisabled = defineEvent("Tenant.UserDisabled", 1, UserRef.extend({ reason: z.string() }));
export const UserEnabled = defineEvent("Tenant.UserEnabled", 1, UserRef);
export const UserUnlocked = defineEvent("Tenant.UserUnlocked", 1, UserRef.extend({ reason: z.string() }));
export const UserRolesChanged = defineEvent(
  "Tenant.UserRolesChanged",
  1,
  UserRef.extend({ before: z.array(z.string()), after: z.array(z.string()) }),
);
