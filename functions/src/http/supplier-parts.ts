import { SupplierParts } from "@medloop/shared";
import { procurement } from "@medloop/shared/contracts/procurement";
import { implement } from "../lib/implement.ts";

export const handler = implement(procurement.resources.supplierParts, {
  supplierParts: ({ query }) => SupplierParts.list(query).then((items) => ({ items })),
  createSupplierPart: ({ body }) => SupplierParts.create(body),
});
