import type { z } from "zod";
import type { Inv } from "@/server/schemas";

type Catalogue = z.infer<typeof Inv.Catalogue>;

/** Codes and names for the ids stock records carry, from the inventory catalogue. */
export function namesOf(c: Catalogue) {
  const materials = new Map(c.materials.map((m) => [m.materialId, m]));
  const locations = new Map(
    c.warehouses.flatMap((w) => w.locations.map((l) => [l.locationId, { ...l, warehouse: w.code }] as const)),
  );
  return {
    material: (id: string) => {
      const m = materials.get(id);
      return m ? `${m.code} · ${m.name}` : id;
    },
    location: (id: string) => {
      const l = locations.get(id);
      return l ? `${l.warehouse} / ${l.code}` : id;
    },
  };
}

/** Lots that expire within this many days are flagged. */
export const NEAR_EXPIRY_DAYS = 30;
export const nearExpiry = (expiresOn: string | null) =>
  expiresOn !== null && Date.parse(expiresOn) - Date.now() < NEAR_EXPIRY_DAYS * 86_400_000;
