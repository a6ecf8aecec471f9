import * as Sampling from "@medloop/shared/procurement/sampling";
import * as ProcurementSchema from "@medloop/shared/procurement/schema";
import * as ProductionSchema from "@medloop/shared/production/schema";
import * as ShipmentModel from "@medloop/shared/shipment/schema";
import type * as TelemetrySchema from "@medloop/shared/telemetry/schema";
import { Info, Locale, LoginInput, Principal, Reason, Role, TenantKind } from "@medloop/shared/tenant/schema";
import { z } from "zod";

/**
 * What the portal reads from the API, built from the domain's own schemas (only the zod files of
 * `@medloop/shared` are imported, never its DynamoDB code).
 */
export { Locale, LoginInput, Principal, Role, TenantKind };

export const User = Info;
export type User = z.infer<typeof User>;

/** The domain's own rules for a new user, so the form fails before a round trip. */
export { CreateUserInput } from "@medloop/shared/tenant/schema";
export const DisableInput = z.object({ reason: Reason });
export const RolesInput = z.object({ roles: z.array(Role).min(1) });

export type { FieldIssue } from "@medloop/shared/contracts/route";
/** The inventory ledger's shapes, as the API answers them. */
export * as Inv from "@medloop/shared/inventory/schema";
/** Refusing or revoking a tenant link: the domain's own rule for its reason. */
export { DecisionReason as LinkReason } from "@medloop/shared/tenant-link/schema";

/** Only the parts of an OpenAPI 3.1 document the docs page renders; the rest passes through. */
const Operation = z.looseObject({
  tags: z.array(z.string()).optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  operationId: z.string().optional(),
  "x-roles": z.union([z.array(z.string()), z.string()]).optional(),
  parameters: z.array(z.unknown()).optional(),
  requestBody: z.unknown().optional(),
  responses: z.record(z.string(), z.unknown()).optional(),
});
export type Operation = z.infer<typeof Operation>;
export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  tags: z.array(z.looseObject({ name: z.string(), description: z.string().optional() })).optional(),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
export const parseOperation = (v: unknown) => Operation.safeParse(v);

/** Master data, parsed with the domain's own zod models (no DynamoDB code comes with them). */
export * as Md from "./master-data-schemas";
/** Edge telemetry, as the telemetry routes answer (zod-only module of the domain). */
export type EdgeWindow = z.infer<typeof TelemetrySchema.Window>;
export type EdgeAlert = z.infer<typeof TelemetrySchema.Alert>;

/** Purchasing and receiving, from the domain's own schemas. */
export const Proc = {
  ...ProcurementSchema,
  Plan: Sampling.Plan,
  AQLS: Sampling.AQLS,
};

/** Outbound shipments (manufacturer) and the hospital's installed base, as the API answers them. */
export const Ship = {
  ...ShipmentModel,
};
/** Production orders and their records (manufacturer, MES-1…4), as the API answers them. */
export const Prod = {
  ...ProductionSchema,
};
/** Traces of the genealogy (manufacturer): a unit's evidence chain, a lot's recall scope. */
export const Trace = {
  Backward: ProductionSchema.BackwardTrace,
  Forward: ProductionSchema.ForwardTrace,
  Custodian: ProductionSchema.Custodian,
};
