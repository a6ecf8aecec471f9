import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Actor,
  Audit,
  Locations,
  Materials,
  Moves,
  Reconciliation,
  Sites,
  Telemetry,
  Warehouses,
  withActor,
} from "@medloop/shared";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { Db } from "@medloop/shared/db/service";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { handler } from "./inventory-reconcile.ts";

const T = "reconciled";
// The balance key's "no serial" (shared/src/inventory/entities.ts NO_SERIAL).
const NO_SERIAL = "-";
const warehouseUser: Actor = {
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId: "u-wh",
  email: "wh@reconciled.test",
  roles: ["warehouse"],
};
const as = <R>(fn: () => Promise<R>) => withActor(warehouseUser, fn);

describe("inventory reconciliation", () => {
  let materialId: string;
  let locationId: string;
  let warehouseId: string;

  beforeAll(async () => {
    await ensureTestTable();
    await as(async () => {
      const site = await Sites.create({ code: "SZ", name: "Suzhou", timezone: "Asia/Shanghai" });
      warehouseId = (
        await Warehouses.create({ code: "WH1", name: "Main", siteId: site.siteId, purpose: "raw-material" })
      ).warehouseId;
      locationId = (await Locations.create({ warehouseId, code: "A-01", name: "A 01", kind: "rack" })).locationId;
      materialId = (
        await Materials.create({ category: "electronic", unit: "pcs", code: "SCREW", name: "Screw", tracking: "lot" })
      ).materialId;
      await Moves.receive({ materialId, lotNo: "L1", warehouseId, locationId, quantity: 2006 });
    });
  });

  it("finds stock that agrees with its ledger, then a balance edited directly, and raises an alert", async () => {
    // Prepare: the receipt's balance agrees with its ledger. The tenant is registered for the run
    // the way every changed tenant is: by its first audit record.
    expect(await as(() => Reconciliation.reconcile())).toEqual({ materials: 1, mismatches: [] });
    await withActor({ type: "system", tenantId: Audit.PLATFORM_TENANT, name: "test" }, () =>
      Db.entities.auditTenant.put({ tenantId: Audit.PLATFORM_TENANT, auditedTenantId: T }).go(),
    );
    const since = Date.now();

    // Act: someone with table access sets the stock without a move.
    const key = Db.entities.stockBalance
      .get({ tenantId: T, materialId, lotNo: "L1", serialNo: NO_SERIAL, locationId })
      .params().Key;
    await clientFromEnv().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "SET onHand = :n, available = :n",
        ExpressionAttributeValues: { ":n": 9999 },
      }),
    );
    const result = await handler();

    // Assess
    expect(result.mismatches).toBe(1);
    expect(await as(() => Reconciliation.reconcile())).toEqual({
      materials: 1,
      mismatches: [{ materialId, lotNo: "L1", serialNo: NO_SERIAL, locationId, onHand: 9999, ledger: 2006 }],
    });
    const alerts = await as(() => Telemetry.alerts({ from: since }));
    expect(alerts).toContainEqual(
      expect.objectContaining({
        rule: "inventory-ledger-mismatch",
        severity: "critical",
        message: expect.stringContaining("is 9999 but its ledger adds up to 2006"),
      }),
    );
  });
});
