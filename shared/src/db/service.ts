import { Service } from "electrodb";
import { AccessEntity } from "../audit/entities/access.ts";
import { AuditAppliedEntity } from "../audit/entities/applied.ts";
import { AuditHeadEntity } from "../audit/entities/head.ts";
import { AuditRecordEntity } from "../audit/entities/record.ts";
import { AuditTenantEntity } from "../audit/entities/registry.ts";
import { IdempotencyEntity } from "../idempotency/entity.ts";
import {
  BalanceEntity,
  CountEntity,
  LedgerLineEntity,
  LotEntity,
  ReservationEntity,
  SafetyStockEntity,
  SerialUnitEntity,
} from "../inventory/entities.ts";
import {
  BomEntity,
  CertificateEntity,
  CustomerEntity,
  LocationEntity,
  MasterCodeEntity,
  MasterVersionEntity,
  MaterialEntity,
  ProcessRouteEntity,
  ProductEntity,
  SiteEntity,
  SupplierEntity,
  WarehouseEntity,
  WorkCentreEntity,
} from "../masterdata/entities.ts";
import { OutboxEntity } from "../outbox/entity.ts";
import {
  BatchReleaseEntity,
  InspectionEntity,
  IssueLineEntity,
  NonconformanceEntity,
  OperationReportEntity,
  ProductionOrderEntity,
  UnitEntity,
} from "../production/entities.ts";
import { SignatureEntity, SigningLockEntity } from "../signature/entities.ts";
import {
  AlertEntity,
  DeviceEntity,
  GatewayConfigEntity,
  GatewayEntity,
  GatewayStatusEntity,
  LedgerEntity,
  ReceiptEntity,
  RejectionEntity,
  WindowEntity,
} from "../telemetry/entities.ts";
import { TenantEntity, UserEmailEntity, UserEntity } from "../tenant/entities.ts";
import { tableName, tenantScopedClient } from "./client.ts";
import { deriveTableDefinition } from "./table.ts";

/** Every entity of the one table. A new aggregate adds its entities here, and the table follows. */
export const entities = {
  tenant: TenantEntity,
  user: UserEntity,
  userEmail: UserEmailEntity,
  outbox: OutboxEntity,
  idempotency: IdempotencyEntity,
  auditRecord: AuditRecordEntity,
  auditHead: AuditHeadEntity,
  auditApplied: AuditAppliedEntity,
  auditTenant: AuditTenantEntity,
  access: AccessEntity,
  signature: SignatureEntity,
  signingLock: SigningLockEntity,
  stockBalance: BalanceEntity,
  stockLot: LotEntity,
  ledgerLine: LedgerLineEntity,
  stockReservation: ReservationEntity,
  serialUnit: SerialUnitEntity,
  cycleCount: CountEntity,
  safetyStock: SafetyStockEntity,
  material: MaterialEntity,
  site: SiteEntity,
  warehouse: WarehouseEntity,
  location: LocationEntity,
  product: ProductEntity,
  supplier: SupplierEntity,
  certificate: CertificateEntity,
  customer: CustomerEntity,
  workCentre: WorkCentreEntity,
  masterCode: MasterCodeEntity,
  masterVersion: MasterVersionEntity,
  bom: BomEntity,
  processRoute: ProcessRouteEntity,
  gateway: GatewayEntity,
  gatewayStatus: GatewayStatusEntity,
  gatewayConfig: GatewayConfigEntity,
  ledger: LedgerEntity,
  receipt: ReceiptEntity,
  device: DeviceEntity,
  window: WindowEntity,
  alert: AlertEntity,
  rejection: RejectionEntity,
  productionOrder: ProductionOrderEntity,
  productionIssue: IssueLineEntity,
  productionOperation: OperationReportEntity,
  productionInspection: InspectionEntity,
  productionNc: NonconformanceEntity,
  batchRelease: BatchReleaseEntity,
  productionUnit: UnitEntity,
};

export const Db = new Service(entities, { table: tableName(), client: tenantScopedClient });

export const tableDefinition = (name = tableName()) => deriveTableDefinition(name, Object.values(entities));
