import { DomainError, unprocessable } from "../errors/index.ts";
import { Locations, Materials } from "../masterdata/index.ts";
import { NO_SERIAL } from "./entities.ts";

/**
 * The master data a move refers to, checked through its own domain functions. A reference to a
 * record that does not exist is a fault of the request (422), not a missing route resource (404).
 */
export type Material = Awaited<ReturnType<typeof Materials.get>>;

async function orUnknown<T>(load: () => Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof DomainError && e.kind === "not-found") throw unprocessable(code, message);
    throw e;
  }
}

/** What a move stocks: a material (finished devices are stocked as the material of their product's code). */
export async function material(materialId: string): Promise<Material> {
  return orUnknown(
    () => Materials.get({ materialId }),
    "unknown-material",
    `No material ${materialId} in this organisation`,
  );
}

export async function location(warehouseId: string, locationId: string, opts: { receiving?: boolean } = {}) {
  const found = await orUnknown(
    () => Locations.get({ warehouseId, locationId }),
    "unknown-location",
    `No location ${locationId} in warehouse ${warehouseId}`,
  );
  if (opts.receiving && found.status !== "active") {
    throw unprocessable("location-inactive", `Location ${found.code} is inactive and takes no stock`);
  }
  return found;
}

/** Lot-less and serial-less stock is kept under these, so every balance has one key shape. */
export const NO_LOT = "-";

/**
 * The stock identity of a request, checked against how the material is tracked: a lot number for
 * lot-tracked materials, a serial (quantity 1) for serialised ones, neither for untracked ones.
 */
export function identify(
  m: Material,
  input: { lotNo?: string; serialNo?: string; quantity?: number },
): { lotNo: string; serialNo: string } {
  if (m.tracking === "lot") {
    if (!input.lotNo) throw unprocessable("lot-required", `Material ${m.code} is tracked by lot: give a lotNo`);
    if (input.serialNo) throw unprocessable("serial-not-tracked", `Material ${m.code} has no serial numbers`);
    return { lotNo: input.lotNo, serialNo: NO_SERIAL };
  }
  if (m.tracking === "serial") {
    if (!input.serialNo) throw unprocessable("serial-required", `Material ${m.code} is serialised: give a serialNo`);
    if (input.quantity !== undefined && Math.abs(input.quantity) !== 1) {
      throw unprocessable("serial-quantity-one", "A serialised item is moved one serial at a time (quantity 1)");
    }
    return { lotNo: input.lotNo ?? NO_LOT, serialNo: input.serialNo };
  }
  if (input.lotNo || input.serialNo) {
    throw unprocessable("not-tracked", `Material ${m.code} is tracked by neither lot nor serial`);
  }
  return { lotNo: NO_LOT, serialNo: NO_SERIAL };
}
