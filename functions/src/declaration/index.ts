import { audit } from "../capabilities/audit.ts";
import { auth } from "../capabilities/auth.ts";
import { complaints } from "../capabilities/complaints.ts";
import { earlyWarning } from "../capabilities/early-warning.ts";
import { inventory } from "../capabilities/inventory.ts";
import { masterData } from "../capabilities/master-data.ts";
import { platform } from "../capabilities/platform.ts";
import { procurement } from "../capabilities/procurement.ts";
import { production } from "../capabilities/production.ts";
import { quality } from "../capabilities/quality.ts";
import { recalls } from "../capabilities/recalls.ts";
import { shipping } from "../capabilities/shipping.ts";
import { telemetry } from "../capabilities/telemetry.ts";
import { tenantAdmin } from "../capabilities/tenant-admin.ts";
import { traceability } from "../capabilities/traceability.ts";
import type { CapabilityDeclaration } from "./types.ts";

/** Every capability of MedLoop. CDK, the local runtime and the OpenAPI document iterate this list. */
export const capabilities: readonly CapabilityDeclaration[] = [
  platform,
  auth,
  tenantAdmin,
  audit,
  masterData,
  inventory,
  procurement,
  shipping,
  telemetry,
  production,
  traceability,
  earlyWarning,
  recalls,
  quality,
  complaints,
];

export * from "./types.ts";
