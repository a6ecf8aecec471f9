import { createWriteTransaction } from "electrodb";
import { AccessEntity } from "../audit/entities/access.ts";
import { AuditAppliedEntity } from "../audit/entities/applied.ts";
import { AuditHeadEntity } from "../audit/entities/head.ts";
import { AuditRecordEntity } from "../audit/entities/record.ts";
import { AuditTenantEntity } from "../audit/entities/registry.ts";
import { ComplaintCaseEntity, ComplaintEntity } from "../complaints/entities.ts";
import {
  AlertEntity as EwAlertEntity,
  NotificationEntity as EwNotificationEntity,
  OpenAlertEntity as EwOpenAlertEntity,
  RuleEntity as EwRuleEntity,
  RuleStateEntity as EwRuleStateEntity,
  RuleVersionEntity as EwRuleVersionEntity,
  TaskEntity as EwTaskEntity,
} from "../early-warning/entities.ts";
import { IdempotencyEntity } from "../idempotency/entity.ts";
import { InstalledDeviceEntity } from "../installed-base/entities.ts";
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
import { PageCursorEntity } from "../paging/entity.ts";
import {
  InspectionEntity,
  LotOriginEntity,
  PoLineEntity,
  PoReceiptEntity,
  PurchaseOrderEntity,
  SupplierPartEntity,
} from "../procurement/entities.ts";
import {
  BatchReleaseEntity,
  IssueLineEntity,
  NonconformanceEntity,
  OperationReportEntity,
  InspectionEntity as ProductionInspectionEntity,
  ProductionOrderEntity,
  UnitEntity,
} from "../production/entities.ts";
import { CapaEntity, NcReportEntity } from "../quality/entities.ts";
import {
  CampaignEntity as RecallCampaignEntity,
  NoticeEntity as RecallNoticeEntity,
  RecipientEntity as RecallRecipientEntity,
  CampaignUnitEntity as RecallUnitEntity,
} from "../recalls/entities.ts";
import { ShipmentEntity, ShipmentLineEntity } from "../shipment/entities.ts";
import { SignatureEntity } from "../signature/entities.ts";
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
import {
  SecurityAlertEntity,
  SignInFailuresEntity,
  TenantEntity,
  UserEmailEntity,
  UserEntity,
} from "../tenant/entities.ts";
import { TenantLinkEntity } from "../tenant-link/entity.ts";
import { tableName } from "./client.ts";
import { deriveTableDefinition } from "./table.ts";

/** Every entity of the one table. A new aggregate adds its entities here, and the table follows. */
export const entities = {
  tenant: TenantEntity,
  user: UserEntity,
  userEmail: UserEmailEntity,
  signInFailures: SignInFailuresEntity,
  securityAlert: SecurityAlertEntity,
  tenantLink: TenantLinkEntity,
  outbox: OutboxEntity,
  idempotency: IdempotencyEntity,
  pageCursor: PageCursorEntity,
  auditRecord: AuditRecordEntity,
  auditHead: AuditHeadEntity,
  auditApplied: AuditAppliedEntity,
  auditTenant: AuditTenantEntity,
  access: AccessEntity,
  signature: SignatureEntity,
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
  purchaseOrder: PurchaseOrderEntity,
  poLine: PoLineEntity,
  poReceipt: PoReceiptEntity,
  incomingInspection: InspectionEntity,
  supplierPart: SupplierPartEntity,
  lotOrigin: LotOriginEntity,
  gateway: GatewayEntity,
  gatewayStatus: GatewayStatusEntity,
  gatewayConfig: GatewayConfigEntity,
  ledger: LedgerEntity,
  receipt: ReceiptEntity,
  device: DeviceEntity,
  window: WindowEntity,
  alert: AlertEntity,
  rejection: RejectionEntity,
  shipment: ShipmentEntity,
  shipmentLine: ShipmentLineEntity,
  installedDevice: InstalledDeviceEntity,
  productionOrder: ProductionOrderEntity,
  productionIssue: IssueLineEntity,
  productionOperation: OperationReportEntity,
  productionInspection: ProductionInspectionEntity,
  productionNc: NonconformanceEntity,
  batchRelease: BatchReleaseEntity,
  productionUnit: UnitEntity,
  ewRule: EwRuleEntity,
  ewRuleVersion: EwRuleVersionEntity,
  ewState: EwRuleStateEntity,
  ewOpenAlert: EwOpenAlertEntity,
  ewAlert: EwAlertEntity,
  ewTask: EwTaskEntity,
  ewNotification: EwNotificationEntity,
  recallCampaign: RecallCampaignEntity,
  recallUnit: RecallUnitEntity,
  recallRecipient: RecallRecipientEntity,
  recallNotice: RecallNoticeEntity,
  qmNc: NcReportEntity,
  qmCapa: CapaEntity,
  complaint: ComplaintEntity,
  complaintCase: ComplaintCaseEntity,
};

type Entities = typeof entities;
// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's transaction items are typed per entity
type TransactionItem = any;
/** The entities as a transaction's writes see them (with `commit()` and `check()`). */
type WriteEntities = Parameters<Parameters<typeof createWriteTransaction<Entities, unknown, TransactionItem[]>>[1]>[0];

/**
 * The table's entities and write transactions across them. Not an ElectroDB `Service`: a service
 * builds all of its entities when it is created, and each entity is built on first use instead
 * (`defineEntity`). A transaction knows only the entities its writes touch, which is all ElectroDB
 * needs to read a cancellation.
 */
export const Db = {
  entities,
  transaction: {
    write(writes: (e: WriteEntities) => TransactionItem[]) {
      // ElectroDB sends through the first entity it is given; writes built outside `e` (an entity
      // picked by kind) are not seen here, so the outbox, which every commit may write, is always one.
      const used: Record<string, Entities[keyof Entities]> = { outbox: entities.outbox };
      const touching = new Proxy(entities, {
        get: (all, name) => {
          const entity = all[name as keyof Entities];
          used[name as string] = entity;
          return entity;
        },
      });
      const items = writes(touching as unknown as WriteEntities);
      return createWriteTransaction(used as never, () => items);
    },
  },
};

export const tableDefinition = (name = tableName()) => deriveTableDefinition(name, Object.values(entities));
