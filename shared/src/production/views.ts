import type { EntityItem } from "electrodb";
import type {
  BatchReleaseEntity,
  InspectionEntity,
  IssueLineEntity,
  NonconformanceEntity,
  OperationReportEntity,
  ProductionOrderEntity,
  UnitEntity,
} from "./entities.ts";
import type {
  BatchRelease,
  Inspection,
  IssueLine,
  Nonconformance,
  OperationReport,
  Order,
  OrderRecord,
  Unit,
} from "./schema.ts";

/** Stored items → API shapes (JSON columns parsed, absent optionals as null). */
export type OrderItem = EntityItem<typeof ProductionOrderEntity>;
export type IssueItem = EntityItem<typeof IssueLineEntity>;
export type OperationItem = EntityItem<typeof OperationReportEntity>;
export type InspectionItem = EntityItem<typeof InspectionEntity>;
export type NcItem = EntityItem<typeof NonconformanceEntity>;
export type ReleaseItem = EntityItem<typeof BatchReleaseEntity>;
export type UnitItem = EntityItem<typeof UnitEntity>;

export const toOrder = (o: OrderItem): Order => ({
  orderId: o.orderId,
  orderNo: o.orderNo,
  productId: o.productId,
  productCode: o.productCode,
  productName: o.productName,
  udiDi: o.udiDi,
  fgMaterialId: o.fgMaterialId,
  fgLotNo: o.fgLotNo,
  fgExpiresOn: o.fgExpiresOn ?? null,
  quantity: o.quantity,
  status: o.status,
  plannedStart: o.plannedStart,
  bom: JSON.parse(o.bom),
  route: JSON.parse(o.route),
  releasedAt: o.releasedAt,
  releasedBy: o.releasedBy,
  good: o.good ?? 0,
  scrapped: o.scrapped ?? 0,
});

export const toIssue = (i: IssueItem): IssueLine => ({
  orderId: i.orderId,
  lineId: i.lineId,
  materialId: i.materialId,
  materialCode: i.materialCode,
  materialName: i.materialName,
  lotNo: i.lotNo,
  serialNo: i.serialNo ?? null,
  quantity: i.quantity,
  unit: i.unit,
  expiresOn: i.expiresOn ?? null,
  warehouseId: i.warehouseId,
  locationId: i.locationId,
  origin: i.origin ? JSON.parse(i.origin) : null,
  producedByOrderId: i.producedByOrderId ?? null,
  issuedAt: i.issuedAt,
  issuedBy: i.issuedBy,
});

export const toOperation = (r: OperationItem): OperationReport => ({
  orderId: r.orderId,
  reportId: r.reportId,
  sequence: r.sequence,
  operationCode: r.operationCode,
  operationName: r.operationName,
  workCentreId: r.workCentreId,
  workCentreCode: r.workCentreCode,
  equipment: r.equipment,
  good: r.good,
  scrap: r.scrap,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  operatorId: r.operatorId,
  operatorName: r.operatorName,
  units: JSON.parse(r.units),
  note: r.note ?? null,
});

export const toInspection = (i: InspectionItem, ncId: string | null = null): Inspection => ({
  orderId: i.orderId,
  inspectionId: i.inspectionId,
  kind: i.kind,
  sequence: i.sequence,
  sampleSize: i.sampleSize,
  serials: i.serials ?? [],
  measurements: JSON.parse(i.measurements),
  result: i.result,
  inspectorId: i.inspectorId,
  inspectorName: i.inspectorName,
  equipment: i.equipment ?? null,
  inspectedAt: i.inspectedAt,
  ncId,
});

export const toNc = (n: NcItem): Nonconformance => ({
  orderId: n.orderId,
  ncId: n.ncId,
  ncNo: n.ncNo,
  sequence: n.sequence,
  description: n.description,
  quantity: n.quantity,
  serials: n.serials ?? [],
  inspectionId: n.inspectionId ?? null,
  status: n.status,
  disposition: n.disposition ?? null,
  concessionNo: n.concessionNo ?? null,
  dispositionReason: n.dispositionReason ?? null,
  dispositionedBy: n.dispositionedBy ?? null,
  dispositionedAt: n.dispositionedAt ?? null,
  raisedBy: n.raisedBy,
  raisedAt: n.raisedAt,
});

export const toRelease = (r: ReleaseItem): BatchRelease => ({
  orderId: r.orderId,
  decision: r.decision,
  signatureId: r.signatureId,
  signerId: r.signerId,
  signerName: r.signerName,
  meaning: r.meaning,
  manifest: r.manifest,
  statement: r.statement ?? null,
  signedAt: r.signedAt,
  good: r.good,
});

export const toUnit = (u: UnitItem): Unit => ({
  productId: u.productId,
  serialNo: u.serialNo,
  orderId: u.orderId,
  fgMaterialId: u.fgMaterialId,
  fgLotNo: u.fgLotNo,
  state: u.state,
  components: u.components ? JSON.parse(u.components) : [],
  boundAt: u.boundAt,
  boundBy: u.boundBy,
});

/** The items of one order partition (the `productionOrder` collection) as its evidence file. */
export function toRecord(c: {
  productionOrder: OrderItem[];
  productionIssue: IssueItem[];
  productionOperation: OperationItem[];
  productionInspection: InspectionItem[];
  productionNc: NcItem[];
  batchRelease: ReleaseItem[];
}): OrderRecord | undefined {
  const order = c.productionOrder[0];
  if (!order) return undefined;
  const ncs = c.productionNc.map(toNc);
  return {
    order: toOrder(order),
    issues: c.productionIssue.map(toIssue),
    operations: c.productionOperation.map(toOperation).sort((a, b) => a.sequence - b.sequence),
    inspections: c.productionInspection.map((i) =>
      toInspection(i, ncs.find((n) => n.inspectionId === i.inspectionId)?.ncId ?? null),
    ),
    nonconformances: ncs,
    release: c.batchRelease[0] ? toRelease(c.batchRelease[0]) : null,
  };
}
