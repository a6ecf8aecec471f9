import { z } from "zod";
import { Db } from "../db/service.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { createRecord, idOfCode, listVersions, loadRecord, updateRecord } from "./records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/products.ts";

export * from "./schema/products.ts";

export const create = fn(CreateInput, (input) => {
  const productId = uuid();
  return createRecord({
    kind: "product",
    recordId: productId,
    codes: [
      {
        kind: "product",
        code: input.code,
        takenCode: "product-code-taken",
        takenMessage: `A product with the code ${input.code} already exists`,
      },
      {
        kind: "udi-di",
        code: input.udiDi,
        takenCode: "udi-di-taken",
        takenMessage: `Another product already has the UDI-DI ${input.udiDi}`,
      },
    ],
    item: { ...input, productId },
    info: Info,
  });
});

export const get = fn(z.object({ productId: z.string() }), async ({ productId }) =>
  Info.parse(await loadRecord("product", { productId }, "product")),
);

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.product.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((p) => Info.parse(p)).sort((a, b) => a.code.localeCompare(b.code));
}

/** The UDI-DI is part of the device's identity: a new DI is a new product (GS1 GTIN rules). */
export const update = fn(UpdateInput, async ({ productId, reason, ...fields }) => {
  const before = await loadRecord("product", { productId }, "product");
  return updateRecord({
    kind: "product",
    recordId: productId,
    key: { productId },
    before,
    fields,
    info: Info,
    reason,
  });
});

export const versions = fn(z.object({ productId: z.string() }), async ({ productId }) => {
  await loadRecord("product", { productId }, "product");
  return listVersions("product", productId, Info);
});

/** The product a scanned UDI-DI names, if any (the DI is a unique code of the organisation). */
export const byUdiDi = fn(z.object({ udiDi: z.string() }), async ({ udiDi }) => {
  const productId = await idOfCode("udi-di", udiDi);
  return productId ? get({ productId }) : undefined;
});
