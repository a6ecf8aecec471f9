import { traceability as traceabilityContracts } from "@medloop/shared/contracts/traceability";
import { defineCapability } from "../declaration/types.ts";

export const traceability = defineCapability({
  contracts: traceabilityContracts,
});
