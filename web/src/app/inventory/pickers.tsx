import type { z } from "zod";
import type { Inv } from "@/server/schemas";

type Catalogue = z.infer<typeof Inv.Catalogue>;

/** A location picker: options grouped by warehouse, each value `warehouseId|locationId`. */
export function LocationSelect({
  id,
  name,
  catalogue,
  pick,
}: {
  id: string;
  name: string;
  catalogue: Catalogue;
  pick: string;
}) {
  return (
    <select id={id} name={name} required defaultValue="">
      <option value="" disabled>
        {pick}
      </option>
      {catalogue.warehouses.map((w) => (
        <optgroup key={w.warehouseId} label={`${w.code} · ${w.name}`}>
          {w.locations.map((l) => (
            <option key={l.locationId} value={`${w.warehouseId}|${l.locationId}`}>
              {w.code} / {l.code} · {l.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

export function MaterialSelect({
  id,
  name,
  catalogue,
  pick,
  required = true,
  defaultValue = "",
}: {
  id: string;
  name: string;
  catalogue: Catalogue;
  pick: string;
  required?: boolean;
  defaultValue?: string;
}) {
  return (
    <select id={id} name={name} required={required} defaultValue={defaultValue}>
      <option value="" disabled={required}>
        {pick}
      </option>
      {catalogue.materials.map((m) => (
        <option key={m.materialId} value={m.materialId}>
          {m.code} · {m.name} ({m.unit})
        </option>
      ))}
    </select>
  );
}
