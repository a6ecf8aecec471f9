import { z } from "zod";
import { type Owned, writers } from "./access.ts";
import * as Boms from "./boms.ts";
import * as Certificates from "./certificates.ts";
import * as Customers from "./customers.ts";
import * as Locations from "./locations.ts";
import * as Materials from "./materials.ts";
import * as ProcessRoutes from "./process-routes.ts";
import * as Products from "./products.ts";
import { Entry } from "./schema/dictionary.ts";
import * as Sites from "./sites.ts";
import * as Suppliers from "./suppliers.ts";
import * as Warehouses from "./warehouses.ts";
import * as WorkCentres from "./work-centres.ts";

export { Entry };

/**
 * MD-2: one data dictionary, generated from the same zod schemas that validate every write, so a
 * field cannot exist without an entry or mean something else than it says. The owner of a field is
 * who may change it (access.ts).
 */

const sources: { entity: string; owner: Owned; schema: z.ZodObject; unique: string[] }[] = [
  { entity: "product", owner: "product", schema: Products.Info, unique: ["code", "udiDi"] },
  { entity: "material", owner: "material", schema: Materials.Info, unique: ["code"] },
  { entity: "supplier", owner: "supplier", schema: Suppliers.Info, unique: ["code"] },
  { entity: "certificate", owner: "certificate", schema: Certificates.Info, unique: ["code"] },
  { entity: "customer", owner: "customer", schema: Customers.Info, unique: ["code"] },
  { entity: "site", owner: "site", schema: Sites.Info, unique: ["code"] },
  { entity: "warehouse", owner: "warehouse", schema: Warehouses.Info, unique: ["code"] },
  { entity: "location", owner: "location", schema: Locations.Info, unique: [] },
  { entity: "workCentre", owner: "workCentre", schema: WorkCentres.Info, unique: ["code"] },
  { entity: "bom", owner: "bom", schema: Boms.Info.omit({ lines: true }), unique: [] },
  { entity: "bom.line", owner: "bom", schema: Boms.Line, unique: [] },
  { entity: "processRoute", owner: "processRoute", schema: ProcessRoutes.Info.omit({ operations: true }), unique: [] },
  { entity: "processRoute.operation", owner: "processRoute", schema: ProcessRoutes.Operation, unique: [] },
];

interface JsonField {
  type?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  items?: JsonField;
  anyOf?: JsonField[];
  description?: string;
  "x-zh"?: string;
}

function typeName(f: JsonField): string {
  if (f.enum) return "enum";
  if (f.type === "array") return `array of ${f.items ? typeName(f.items) : "values"}`;
  if (f.format) return `${f.type ?? "string"} (${f.format})`;
  return f.type ?? "string";
}

function entries(): Entry[] {
  return sources.flatMap(({ entity, owner, schema, unique }) => {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
      properties: Record<string, JsonField>;
      required?: string[];
    };
    return Object.entries(json.properties).map(([field, f]) => {
      if (!f.description || !f["x-zh"]) throw new Error(`${entity}.${field} has no meaning in the dictionary`);
      const values = f.enum ?? f.items?.enum;
      return Entry.parse({
        entity,
        field,
        type: typeName(f),
        required: json.required?.includes(field) ?? false,
        unique: unique.includes(field),
        meaning: { en: f.description, zh: f["x-zh"] },
        owner: [...writers[owner]],
        ...(values && { values }),
        // Long generated date patterns say nothing a reader needs; the type already says "date".
        ...(f.pattern && !f.format && { pattern: f.pattern }),
      });
    });
  });
}

let cached: Entry[] | undefined;
/** The whole dictionary (built once per process: it only changes with a deployment). */
export const all = (): Entry[] => {
  cached ??= entries();
  return cached;
};
