import type { EntityItem } from "electrodb";
import { metered } from "../db/meter.ts";
import { Db } from "../db/service.ts";
import { notFound, unprocessable } from "../errors/index.ts";
import type { SerialUnitEntity } from "../inventory/entities.ts";
import { useTenantId } from "../tenant/context.ts";
import { parseUdi } from "../udi/parse.ts";
import { isUdiError } from "../udi/types.ts";
import { fn } from "../util/fn.ts";
import { traceDigest } from "./digest.ts";
import { readRecord } from "./production-orders.ts";
import {
  type BackwardTrace,
  BackwardTraceInput,
  type Custodian,
  type ForwardTrace,
  ForwardTraceInput,
  type OrderRecord,
} from "./schema.ts";
import { type IssueItem, toUnit, type UnitItem } from "./views.ts";

type SerialItem = EntityItem<typeof SerialUnitEntity> & {
  shipmentId?: string;
  customerId?: string;
  custodianTenantId?: string;
};

/** Where a unit is now: the inventory serial item (the shipment writes its custodian onto it). */
function custodianOf(s: SerialItem | undefined | null): Custodian | null {
  if (!s) return null;
  return {
    state: s.state,
    warehouseId: null,
    locationId: s.state === "in-stock" ? s.locationId : null,
    shipmentId: s.shipmentId ?? null,
    customerId: s.customerId ?? null,
    custodianTenantId: s.custodianTenantId ?? null,
  };
}

/** A scanned UDI names the product by its device identifier (GTIN) and the unit by AI (21). */
function readUdi(udi: string) {
  const parsed = parseUdi(udi);
  if (isUdiError(parsed)) throw unprocessable("udi-unreadable", `The UDI could not be read: ${parsed.message}`);
  if (!parsed.serial) throw unprocessable("udi-without-serial", "The UDI carries no serial number (21)");
  return { udiDi: (parsed.di ?? "").padStart(14, "0"), serialNo: parsed.serial };
}

type UnitKey = { udiDi: string; serialNo: string } | { productId: string; serialNo: string };

/** The unit a trace starts from: by key, or by the scanned UDI on its index (one round trip either way). */
async function unitOf(key: UnitKey): Promise<UnitItem | undefined> {
  const tenantId = useTenantId();
  if ("udiDi" in key) {
    const { data } = await Db.entities.productionUnit.query.byUdi({ tenantId, ...key }).go();
    return data[0] as UnitItem | undefined;
  }
  const { data } = await Db.entities.productionUnit.get({ tenantId, ...key }).go();
  return (data as UnitItem | null) ?? undefined;
}

/**
 * TR-2: the evidence chain of one unit. Round trip 1 gets the unit (by key, or by the scanned
 * UDI); round trip 2 reads, in parallel, the whole partition of the order that made it (BOM/route revisions, issue lines with
 * lots, suppliers and certificates, operations with operators and equipment, inspections, NCs,
 * release) and the inventory serial (custodian). Each level of in-house sub-assembly adds one
 * round trip (its order's partition).
 */
export const backward = fn(BackwardTraceInput, async (input): Promise<BackwardTrace> => {
  const key: UnitKey = "udi" in input ? readUdi(input.udi) : input;
  const tenantId = useTenantId();
  const { result, cost } = await metered(async () => {
    const unit = await unitOf(key);
    if (!unit) return undefined;
    const [record, serial] = await Promise.all([
      readRecord(unit.orderId),
      Db.entities.serialUnit
        .get({ tenantId, materialId: unit.fgMaterialId, serialNo: unit.serialNo })
        .go()
        .then((r) => r.data as SerialItem | null),
    ]);
    const subAssemblies = await subAssembliesOf(record);
    return { unit, record, serial, subAssemblies };
  });
  if (!result?.record) throw notFound("unit-not-found", "No unit with this serial number");
  const evidence = {
    unit: toUnit(result.unit),
    record: result.record,
    subAssemblies: result.subAssemblies,
    custodian: custodianOf(result.serial),
  };
  return { ...evidence, evidenceSha256: traceDigest(evidence), cost };
});

async function subAssembliesOf(record: OrderRecord | undefined, seen = new Set<string>()): Promise<OrderRecord[]> {
  const makers = [...new Set(record?.issues.flatMap((i) => (i.producedByOrderId ? [i.producedByOrderId] : [])) ?? [])];
  const next = makers.filter((id) => !seen.has(id));
  for (const id of next) seen.add(id);
  const records = (await Promise.all(next.map(readRecord))).filter((r): r is OrderRecord => Boolean(r));
  const deeper = await Promise.all(records.map((r) => subAssembliesOf(r, seen)));
  return [...records, ...deeper.flat()];
}

/** The inventory serials of one finished lot with where each is: one query on the lot index. */
async function custodiansOf(materialId: string, lotNo: string): Promise<Map<string, SerialItem>> {
  const { data } = await Db.entities.serialUnit.query
    .byLot({ tenantId: useTenantId(), materialId, lotNo })
    // Only what a custodian says: a recall reads thousands of these.
    .go({
      pages: "all",
      attributes: ["serialNo", "state", "locationId", "shipmentId", "customerId", "custodianTenantId"],
    });
  return new Map((data as SerialItem[]).map((s) => [s.serialNo, s]));
}

/**
 * TR-3: every finished lot and unit a material or supplier lot went into, and where each unit
 * is now. Hop 1: the issue lines of that lot (GSI, one query). Hop 2, per order in parallel: its
 * units, its finished lot's serials with their custodians (both GSI queries) and whether that lot
 * was itself consumed (sub-assembly: the same hop again, one level deeper). Units in process have
 * no inventory serial yet: their custodian is null. Nothing scans; the cost follows the affected
 * set, not the table.
 */
export const forward = fn(ForwardTraceInput, async (input): Promise<ForwardTrace> => {
  const tenantId = useTenantId();
  const { result, cost } = await metered(async () => {
    const lots: ForwardTrace["lots"] = [];
    const serials: ForwardTrace["serials"] = [];
    const seenOrders = new Set<string>();

    const consumersOf = async (lines: IssueItem[], level: number): Promise<void> => {
      const orders = new Map<string, IssueItem>();
      for (const l of lines) if (!seenOrders.has(l.orderId)) orders.set(l.orderId, l);
      for (const id of orders.keys()) seenOrders.add(id);
      await Promise.all(
        [...orders.values()].map(async (line) => {
          lots.push({
            orderId: line.orderId,
            productId: line.productId,
            fgMaterialId: line.fgMaterialId,
            fgLotNo: line.fgLotNo,
            level,
            via: { materialId: line.materialId, lotNo: line.lotNo },
          });
          await Promise.all([
            unitsOf(line),
            consumedLot(line.fgMaterialId, line.fgLotNo).then((l) => consumersOf(l, level + 1)),
          ]);
        }),
      );
    };

    const unitsOf = async (line: Pick<IssueItem, "orderId" | "fgMaterialId" | "fgLotNo">) => {
      const [{ data }, where] = await Promise.all([
        Db.entities.productionUnit.query
          .byOrder({ tenantId, orderId: line.orderId })
          .go({ pages: "all", attributes: ["productId", "serialNo", "orderId", "fgLotNo", "state"] }),
        custodiansOf(line.fgMaterialId, line.fgLotNo),
      ]);
      const units = data as UnitItem[];
      for (const u of units) {
        serials.push({
          productId: u.productId,
          serialNo: u.serialNo,
          orderId: u.orderId,
          fgLotNo: u.fgLotNo,
          state: u.state,
          custodian: custodianOf(where.get(u.serialNo)),
        });
      }
    };

    // A finished lot traced as such: its own units are in its scope (level 0), beside what consumed it.
    const madeIt = async (materialId: string, lotNo: string) => {
      const { data } = await Db.entities.productionOrder.query
        .byFgLot({ tenantId, fgMaterialId: materialId, fgLotNo: lotNo })
        .go({ pages: "all", attributes: ["orderId", "productId", "fgMaterialId", "fgLotNo"] });
      await Promise.all(
        data.map(async (o) => {
          seenOrders.add(o.orderId);
          lots.push({ ...o, level: 0, via: { materialId, lotNo } });
          await unitsOf(o);
        }),
      );
    };
    const first =
      "materialId" in input
        ? (await Promise.all([consumedLot(input.materialId, input.lotNo), madeIt(input.materialId, input.lotNo)]))[0]
        : ((
            await Db.entities.productionIssue.query
              .bySupplierLot({ tenantId, supplierId: input.supplierId, supplierLotNo: input.supplierLotNo })
              .go({ pages: "all" })
          ).data as IssueItem[]);
    await consumersOf(first, 1);
    return { lots, serials };
  });
  result.lots.sort((a, b) => a.level - b.level || a.fgLotNo.localeCompare(b.fgLotNo));
  result.serials.sort((a, b) => a.fgLotNo.localeCompare(b.fgLotNo) || a.serialNo.localeCompare(b.serialNo));
  return { ...result, cost };
});

async function consumedLot(materialId: string, lotNo: string): Promise<IssueItem[]> {
  const { data } = await Db.entities.productionIssue.query
    .byLot({ tenantId: useTenantId(), materialId, lotNo })
    .go({ pages: "all" });
  return data as IssueItem[];
}
