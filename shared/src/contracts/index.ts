import { audit } from "./audit.ts";
import { auth } from "./auth.ts";
import { complaints } from "./complaints.ts";
import { earlyWarning } from "./early-warning.ts";
import { inventory } from "./inventory.ts";
import { masterData } from "./master-data.ts";
import { procurement } from "./procurement.ts";
import { production } from "./production.ts";
import { quality } from "./quality.ts";
import { recalls } from "./recalls.ts";
import { shipping } from "./shipping.ts";
import { telemetry } from "./telemetry.ts";
import { tenantAdmin } from "./tenant-admin.ts";
import { traceability } from "./traceability.ts";

/** Every capability's HTTP contracts, by capability: what the portal's client and the tests iterate. */
export const contracts = {
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
} as const;
export type Contracts = typeof contracts;

export * from "./errors.ts";
export * from "./route.ts";
