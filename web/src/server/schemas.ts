import * as InstalledBaseModel from "@medloop/shared/installed-base/model";
import * as InventorySchema from "@medloop/shared/inventory/schema";
import * as ProcurementSchema from "@medloop/shared/procurement/model";
import * as Sampling from "@medloop/shared/procurement/sampling";
import * as ProductionSchema from "@medloop/shared/production/schema";
import * as ShipmentModel from "@medloop/shared/shipment/model";
import * as TelemetrySchema from "@medloop/shared/telemetry/schema";
import { Role, TenantKind } from "@medloop/shared/tenancy/roles";
import {
  Info,
  Locale,
  LoginInput,
  LoginResult,
  Password,
  Person,
  Principal,
  Reason,
} from "@medloop/shared/tenant/schema";
import { z } from "zod";

/**
 * What the portal reads from the API, built from the domain's own schemas (only the zod files of
 * `@medloop/shared` are imported, never its DynamoDB code).
 */
export { Locale, LoginInput, LoginResult, Principal, Role, TenantKind };

export const User = Info;
export type User = z.infer<typeof User>;
export const UserList = z.object({ items: z.array(User) });
export const RoleCatalogue = z.object({ kind: TenantKind, roles: z.array(Role) });
export const PersonList = z.object({ items: z.array(Person) });

/** The same rules as the domain's `Users.create` input, so the form fails before a round trip. */
export const CreateUserInput = Info.pick({ email: true, name: true, roles: true }).extend({
  password: Password,
  locale: Locale,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;
export const DisableInput = z.object({ reason: Reason });
export const RolesInput = z.object({ roles: z.array(Role).min(1) });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    correlationId: z.string().optional(),
  }),
});
export type FieldIssue = { path: string; message: string };

/** The inventory ledger's shapes, as the API answers them. */
export const Inv = {
  ...InventorySchema,
  Balances: z.object({ items: z.array(InventorySchema.Balance) }),
  LotDetail: z.object({ lot: InventorySchema.Lot, balances: z.array(InventorySchema.Balance) }),
  Ledger: z.object({ items: z.array(InventorySchema.LedgerLine) }),
  SafetyStocks: z.object({ items: z.array(InventorySchema.SafetyStock) }),
  Counts: z.object({ items: z.array(InventorySchema.Count) }),
};

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
export const GatewayList = z.object({ items: z.array(TelemetrySchema.Gateway) });
export const DeviceList = z.object({ items: z.array(TelemetrySchema.Device) });
export const WindowList = z.object({ items: z.array(TelemetrySchema.Window) });
export const AlertList = z.object({ items: z.array(TelemetrySchema.Alert) });
export type EdgeGateway = z.infer<typeof TelemetrySchema.Gateway>;
export type EdgeDevice = z.infer<typeof TelemetrySchema.Device>;
export type EdgeWindow = z.infer<typeof TelemetrySchema.Window>;
export type EdgeAlert = z.infer<typeof TelemetrySchema.Alert>;

/** Purchasing and receiving, from the domain's own schemas. */
export const Proc = {
  ...ProcurementSchema,
  Orders: z.object({ items: z.array(ProcurementSchema.PoSummary) }),
  Plan: Sampling.Plan,
  AQLS: Sampling.AQLS,
};

/** Outbound shipments (manufacturer) and the hospital's installed base, as the API answers them. */
export const Ship = {
  ...ShipmentModel,
  ShipmentList: z.object({ items: z.array(ShipmentModel.Shipment) }),
};
/** Production orders and their records (manufacturer, MES-1…4), as the API answers them. */
export const Prod = {
  ...ProductionSchema,
  OrderList: z.object({ items: z.array(ProductionSchema.Order) }),
  FgReceipt: z.object({ orderId: z.string(), fgLotNo: z.string(), received: z.number(), serials: z.array(z.string()) }),
};
/** Traces of the genealogy (manufacturer): a unit's evidence chain, a lot's recall scope. */
export const Trace = {
  Backward: ProductionSchema.BackwardTrace,
  Forward: ProductionSchema.ForwardTrace,
  Custodian: ProductionSchema.Custodian,
};
export const Ib = {
  ...InstalledBaseModel,
  DeviceList: z.object({ items: z.array(InstalledBaseModel.InstalledDevice) }),
};
