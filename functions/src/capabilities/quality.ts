import { quality as qualityContracts } from "@medloop/shared/contracts/quality";
import { defineCapability } from "../declaration/types.ts";

/** Nonconformance reports and CAPA: routes only; their events feed dashboards and reports later. */
export const quality = defineCapability({ contracts: qualityContracts });
