import type { z } from "zod";
import { emit } from "../db/commit.ts";
import { unprocessable } from "../errors/index.ts";
import { NO_EXPIRY } from "../inventory/entities.ts";
import { issueWith } from "../inventory/moves.ts";
import { findLot } from "../inventory/stock.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { parseUdi } from "../udi/parse.ts";
import { isUdiError } from "../udi/types.ts";
import { fn } from "../util/fn.ts";
import { NO_ORIGIN } from "./entities.ts";
import { MaterialIssued } from "./events.ts";
import { originOf } from "./origin.ts";
import { assertOpen, loadOrder, openGuard, producerOfLot } from "./production-orders.ts";
import { type BomLine, type IssueLine, IssueMaterialInput } from "./schema.ts";
import { toIssue, toOrder } from "./views.ts";

const NO_LOT = "-";

/** What a label says: lot, serial and expiry (GS1 AIs 10, 21, 17, or the HIBCC fields). */
function readLabel(scan: string) {
  const parsed = parseUdi(scan);
  if (isUdiError(parsed)) {
    throw unprocessable("scan-unreadable", `The label could not be read: ${parsed.message}`, {
      error: parsed.error,
      position: parsed.position ?? null,
    });
  }
  if (!parsed.lot && !parsed.serial) {
    throw unprocessable(
      "scan-without-lot",
      "The label carries neither a lot (10) nor a serial (21): scan the lot label",
    );
  }
  return { lotNo: parsed.lot, serialNo: parsed.serial, expiry: parsed.expiry };
}

/** The BOM material whose stock the scanned lot is; the wrong material is refused here, by name. */
async function findMaterial(lines: z.infer<typeof BomLine>[], materialId: string | undefined, lotNo: string) {
  const candidates = materialId ? lines.filter((l) => l.materialId === materialId) : lines;
  if (materialId && !candidates.length) {
    throw unprocessable("material-not-in-bom", "That material is not on this order's bill of materials");
  }
  const lots = await Promise.all(candidates.map((l) => findLot(l.materialId, lotNo)));
  const hits = candidates.flatMap((l, i) => (lots[i] ? [{ line: l, lot: lots[i]! }] : []));
  if (!hits.length) {
    throw unprocessable(
      "wrong-material",
      `Lot ${lotNo} is not a lot of ${candidates.map((c) => c.materialCode).join(", ")}: wrong material scanned?`,
      { lotNo },
    );
  }
  if (hits.length > 1) {
    throw unprocessable("ambiguous-lot", `Lot ${lotNo} exists for several materials of this BOM: choose the material`, {
      materials: hits.map((h) => h.line.materialId),
    });
  }
  return hits[0]!;
}

/**
 * MES-1: issue material to an order by scanning the lot's label. The stock move and the issue
 * line (with the lot's supplier origin snapshotted) commit in one transaction, so the genealogy
 * has a line exactly when stock left. Held or expired lots are refused by the inventory move.
 */
export const issueMaterial = fn(IssueMaterialInput, async (input): Promise<IssueLine> => {
  const item = await loadOrder(input.orderId);
  assertOpen(item);
  const order = toOrder(item);
  const label = readLabel(input.scan);
  const lotNo = label.lotNo ?? NO_LOT;
  const { line, lot } = await findMaterial(order.bom.lines, input.materialId, lotNo);
  if (label.expiry && lot.expiresOn !== NO_EXPIRY && label.expiry !== lot.expiresOn) {
    throw unprocessable(
      "label-mismatch",
      `The label says lot ${lotNo} expires on ${label.expiry}; stock records ${lot.expiresOn}. Check the label`,
    );
  }
  const [origin, producedBy] = await Promise.all([
    originOf(line.materialId, lotNo),
    producerOfLot(line.materialId, lotNo),
  ]);
  const tenantId = useTenantId();
  const stored = {
    tenantId,
    orderId: order.orderId,
    lineId: uuid(),
    productId: order.productId,
    fgMaterialId: order.fgMaterialId,
    fgLotNo: order.fgLotNo,
    materialId: line.materialId,
    materialCode: line.materialCode,
    materialName: line.materialName,
    lotNo,
    serialNo: label.serialNo,
    quantity: input.quantity,
    unit: line.unit,
    expiresOn: lot.expiresOn === NO_EXPIRY ? undefined : lot.expiresOn,
    locationId: input.locationId,
    warehouseId: input.warehouseId,
    scanned: input.scan,
    supplierId: origin?.supplierId ?? NO_ORIGIN,
    supplierLotNo: origin?.supplierLotNo ?? NO_ORIGIN,
    origin: origin ? JSON.stringify(origin) : undefined,
    producedByOrderId: producedBy,
    issuedAt: nowIso(),
    issuedBy: actorId(),
  };
  return issueWith(
    {
      materialId: line.materialId,
      // Absent, not undefined: the move spreads its input's place over the stock identity.
      ...(line.tracking === "serial" && lotNo === NO_LOT ? {} : { lotNo }),
      ...(label.serialNo ? { serialNo: label.serialNo } : {}),
      quantity: input.quantity,
      warehouseId: input.warehouseId,
      locationId: input.locationId,
      reference: `${order.orderNo} issue ${stored.lineId.slice(0, 8)}`,
    },
    {
      with: [
        openGuard(order.orderId),
        {
          write: (e) => e.productionIssue.create(stored).commit(),
          failed: () => new Error(`issue line ${stored.lineId} exists`),
        },
      ],
      answer: () => toIssue(stored),
      events: () => [
        emit(MaterialIssued, { orderId: order.orderId, materialId: line.materialId, lotNo, quantity: input.quantity }),
      ],
    },
  );
});
