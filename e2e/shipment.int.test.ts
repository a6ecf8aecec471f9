import { type BusEvent, InstalledBaseEvents, patternFor, ShippingEvents, Udi } from "@medloop/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Shipment to installed base through the whole platform: the manufacturer's API, its outbox, the
 * stream, the bus and the installed-base subscription writing into the hospital's tenant.
 */
let p: TestPlatform;
const tapped: BusEvent[] = [];
let warehouse: string;
let cityBiomed: string;
let riverBiomed: string;

beforeAll(async () => {
  p = await startTestPlatform({
    seed: "demo",
    extraRules: [
      {
        name: "test-tap",
        pattern: patternFor(
          ShippingEvents.ShipmentDispatched,
          ShippingEvents.ShipmentDelivered,
          InstalledBaseEvents.DeviceInstalled,
        ),
        target: async (e) => {
          tapped.push(e);
        },
      },
    ],
  });
  [warehouse, cityBiomed, riverBiomed] = await Promise.all([
    p.login("acme-med", "warehouse@acme-med.test"),
    p.login("city-hospital", "biomed-engineer@city-hospital.test"),
    p.login("river-hospital", "biomed-engineer@river-hospital.test"),
  ]);
});
afterAll(() => p?.stop());

const get = async (path: string, token: string) => p.call("GET", path, { token });
const post = async (path: string, token: string, body: unknown = {}, key?: string) =>
  p.call("POST", path, { token, body, headers: key ? { "idempotency-key": key } : undefined });

async function productByCode(code: string) {
  const { body } = await get("/v1/products", warehouse);
  return body.items.find((x: { code: string }) => x.code === code);
}

/** The label as a scanner delivers it: AIM symbology identifier and GS separators. */
function scanOf(udiDi: string, lot: string, serial: string) {
  const udi = Udi.compose({ gtin: udiDi, lot, serial });
  if ("error" in udi) throw new Error(udi.message);
  return Udi.formatUdi(udi, "gs1-element-string", { symbologyIdentifier: "]d2" }) as string;
}

describe("a shipment to City General reaches its installed base", () => {
  it("create → pick by scan → dispatch → deliver: the hospital sees the device, and nothing of the manufacturer's", async () => {
    // Given an IP-200 in finished goods and City General as a customer
    const pump = await productByCode("IP-200");
    const customers = await get("/v1/customers", warehouse);
    const city = customers.body.items.find((c: { tenantRef?: string }) => c.tenantRef === "city-hospital");

    // When the warehouse starts a shipment (retried with the same Idempotency-Key) …
    const created = await post(
      "/v1/shipments",
      warehouse,
      { customerId: city.customerId, reference: "SO-E2E-1" },
      "e2e-ship-0001",
    );
    expect(created.status).toBe(201);
    const again = await post(
      "/v1/shipments",
      warehouse,
      { customerId: city.customerId, reference: "SO-E2E-1" },
      "e2e-ship-0001",
    );
    expect(again.body.shipmentId).toBe(created.body.shipmentId);
    const id = created.body.shipmentId as string;

    // … picks a pump by scanning its label, and is refused a monitor from a held lot
    const serialNo = "IP200-2602-0001";
    const picked = await post(`/v1/shipments/${id}/lines`, warehouse, {
      scan: scanOf(pump.udiDi, "IP200-2602", serialNo),
    });
    expect(picked.status).toBe(201);
    expect(picked.body.lines).toEqual([expect.objectContaining({ serialNo, lotNo: "IP200-2602" })]);
    const monitor = await productByCode("PM-300");
    const held = await post(`/v1/shipments/${id}/lines`, warehouse, {
      productId: monitor.productId,
      serialNo: "PM300-2602-0001",
    });
    expect(held.status).toBe(422);
    expect(held.body.error.code).toBe("lot-on-hold");
    const unreadable = await post(`/v1/shipments/${id}/lines`, warehouse, { scan: "]d2019999" });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.code).toBe("udi-unreadable");

    // … and dispatches, then records delivery
    const dispatched = await post(`/v1/shipments/${id}/dispatch`, warehouse);
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.status).toBe("dispatched");
    expect((await post(`/v1/shipments/${id}/deliver`, warehouse, {})).body.status).toBe("delivered");

    // Then City General's installed base shows the pump, installed, under warranty
    const device = await eventually("the pump installed at City General", async () => {
      const { body } = await get(`/v1/installed-base?serial=${serialNo}`, cityBiomed);
      return body.items.find((d: { status: string }) => d.status === "installed");
    });
    expect(device).toMatchObject({
      serialNo,
      lotNo: "IP200-2602",
      udiDi: pump.udiDi,
      model: pump.name,
      manufacturerName: "Acme Medical Devices",
      warrantyMonths: 24,
      serviceContact: expect.stringContaining("400-820-2026"),
    });
    // The lot's expiry is production's (five years from the order's start, 2026-02-02).
    expect(device.udi).toBe(`0106950123450012${"17"}310201${"10"}IP200-2602\u001d21${serialNo}`);

    // And found by scanning the label
    const byScan = await get(
      `/v1/installed-base?udi=${encodeURIComponent(scanOf(pump.udiDi, "IP200-2602", serialNo))}`,
      cityBiomed,
    );
    expect(byScan.body.items.map((d: { serialNo: string }) => d.serialNo)).toEqual([serialNo]);

    // And nothing of the manufacturer's record reaches the hospital
    const one = await get(`/v1/installed-base/${device.installedId}`, cityBiomed);
    const text = JSON.stringify(one.body);
    for (const internal of [
      id,
      city.customerId,
      pump.productId,
      "SO-E2E-1",
      picked.body.lines[0].warehouseId,
      picked.body.lines[0].locationId,
    ]) {
      expect(text).not.toContain(internal);
    }
    expect(Object.keys(one.body)).not.toEqual(expect.arrayContaining(["shipmentId"]));
    expect((await get(`/v1/shipments/${id}`, cityBiomed)).status).toBe(403);
    expect((await get(`/v1/products/${pump.productId}/serials/${serialNo}`, cityBiomed)).status).toBe(403);
    // Another hospital does not see it; the manufacturer has no installed-base route of its own
    expect((await get(`/v1/installed-base/${device.installedId}`, riverBiomed)).status).toBe(404);
    const asManufacturer = await get("/v1/installed-base", warehouse);
    expect(asManufacturer.status).toBe(403);
    expect(asManufacturer.body.error.code).toBe("tenant-kind-not-allowed");

    // And the manufacturer sees where the serial went
    const where = await get(`/v1/products/${pump.productId}/serials/${serialNo}`, warehouse);
    expect(where.body).toMatchObject({
      state: "shipped",
      shipment: { shipmentId: id, custodianTenantId: "city-hospital", status: "delivered" },
    });
  });

  it("a redelivered, late dispatch event changes nothing and the device is installed once", async () => {
    const serialNo = "IP200-2602-0001";
    await p.settled();
    const dispatched = tapped.find(
      (e) =>
        e["detail-type"] === ShippingEvents.ShipmentDispatched.detailType &&
        (e.detail as { data: { devices: { serialNo: string }[] } }).data.devices.some((d) => d.serialNo === serialNo),
    )!;
    expect(dispatched).toBeDefined();
    // The bus delivers the dispatch again, after the delivery (at-least-once, no order promised)
    await p.bus.putEvents([
      { source: dispatched.source, detailType: dispatched["detail-type"], detail: dispatched.detail },
    ]);
    await p.bus.putEvents([
      { source: dispatched.source, detailType: dispatched["detail-type"], detail: dispatched.detail },
    ]);
    await p.settled();
    const { body } = await get(`/v1/installed-base?serial=${serialNo}`, cityBiomed);
    expect(body.items).toEqual([expect.objectContaining({ status: "installed" })]);
    const installed = tapped.filter(
      (e) =>
        e["detail-type"] === InstalledBaseEvents.DeviceInstalled.detailType &&
        (e.detail as { data: { serialNo: string } }).data.serialNo === serialNo,
    );
    expect(installed).toHaveLength(1);
    expect((installed[0]!.detail as { tenantId: string }).tenantId).toBe("city-hospital");
  });

  it("the seeded hospitals each see their own devices: delivered ones installed, the one on its way in transit", async () => {
    const city = await eventually("City General's seeded devices", async () => {
      const { body } = await get("/v1/installed-base", cityBiomed);
      return body.items.length >= 15 ? body.items : undefined;
    });
    const statuses = (items: { serialNo: string; status: string }[], prefix: string) =>
      items.filter((d) => d.serialNo.startsWith(prefix)).map((d) => d.status);
    expect(statuses(city, "SP100-2601")).toEqual(["in-transit", "in-transit", "in-transit"]);
    expect(statuses(city, "PM500-2601")).toEqual(["installed", "installed", "installed", "installed"]);
    expect(statuses(city, "IP200-2601")).toHaveLength(8);
    const river = (await get("/v1/installed-base", riverBiomed)).body.items;
    expect(river.map((d: { serialNo: string }) => d.serialNo)).not.toContain("IP200-2601-0001");
    expect(river.length).toBe(14);
  });
});
