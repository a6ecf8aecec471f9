import { tenantAdmin as tenantAdminContracts } from "@medloop/shared/contracts/tenant-admin";
import { defineCapability } from "../declaration/types.ts";

export const tenantAdmin = defineCapability({
  contracts: tenantAdminContracts,
});
