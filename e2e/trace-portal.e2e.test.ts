import { execFileSync } from "node:child_process";
import { traceDigest } from "@medloop/shared/production/digest";
import { describe, expect, it } from "vitest";
import { portalJourney, screenshot, switchLanguage } from "./portal-steps.ts";

// The demo seed has production orders with finished serials, some shipped to the hospitals.
const j = portalJourney({ seed: "demo" });

type Order = { orderId: string; status: string; udiDi: string; fgLotNo: string };
type Record = {
  issues: { materialId: string; lotNo: string; origin: { supplierName: string } | null }[];
  operations: { units: { serialNo: string }[] }[];
  release: unknown;
};

/** The text of a PDF as a reader sees it (poppler's pdftotext; `.ci/run` installs poppler-utils). */
const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString();

/** A finished unit of a received order, and a lot issued to that order, found through the API. */
async function madeUnit() {
  const token = await j.p.login("acme-med", "quality-engineer@acme-med.test");
  const { body: orders } = await j.p.call("GET", "/v1/production/orders", { token });
  const order = (orders.items as Order[]).find((o) => o.status === "received")!;
  const { body: record } = (await j.p.call("GET", `/v1/production/orders/${order.orderId}`, { token })) as {
    body: Record;
  };
  const serialNo = record.operations.flatMap((o) => o.units.map((u) => u.serialNo))[0]!;
  return { order, record, serialNo, lot: record.issues[0]! };
}

describe("traceability in Chromium", () => {
  it("a quality engineer traces a unit back to its evidence chain, and an issued lot forward to the unit and where it is", async () => {
    const { order, record, serialNo, lot } = await madeUnit();

    // Given the quality engineer on the trace page
    const page = await j.as("acme-med", "quality-engineer");
    await page.getByRole("navigation").getByRole("link", { name: "Traceability" }).click();
    await page.waitForURL(`${j.portal}/trace`);

    // When they scan the unit's UDI into the backward search
    await page.locator("#trace-udi").fill(`(01)${order.udiDi}(10)${order.fgLotNo}(21)${serialNo}`);
    await page.locator("#trace-udi").press("Enter");

    // Then the timeline shows every issued lot, every operation and the signed release, in time order
    await page.locator("[data-testid=trace-timeline]").waitFor();
    expect(await page.locator("[data-testid=trace-unit] h2").textContent()).toContain(serialNo);
    expect(await page.locator('[data-testid=trace-entry][data-kind="issue"]').count()).toBe(record.issues.length);
    expect(await page.locator('[data-testid=trace-entry][data-kind="operation"]').count()).toBe(
      record.operations.length,
    );
    expect(await page.locator('[data-testid=trace-entry][data-kind="release"]').count()).toBe(record.release ? 1 : 0);
    const times = await page
      .locator("[data-testid=trace-entry] time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    expect(times).toEqual([...times].sort());
    const timeline = await page.locator("[data-testid=trace-timeline]").textContent();
    expect(timeline).toContain(lot.lotNo);
    // The lot's supplier stands beside it (the demo buys every lot), and people are named, not ids
    expect(timeline).toContain(lot.origin!.supplierName);
    const who = await page.locator("[data-testid=trace-entry] td:nth-child(3)").allTextContents();
    expect(who.filter((w) => w.startsWith("user:"))).toEqual([]);
    expect((await page.locator("[data-testid=trace-custodian]").textContent())?.length).toBeGreaterThan(10);
    await screenshot(page, "trace-backward-en");

    // And the PDF report says the same, names who made it, and carries the digest of the trace data
    const reportHref = await page.locator("[data-testid=trace-report]").getAttribute("href");
    const report = await page.request.get(`${j.portal}${reportHref}`);
    expect(report.headers()["content-type"]).toBe("application/pdf");
    const pdf = await report.body();
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const expected of [serialNo, lot.lotNo, lot.origin!.supplierName, "Quality Engineer", "Page 1 of"]) {
      expect(text).toContain(expected);
    }
    const token = await j.p.login("acme-med", "quality-engineer@acme-med.test");
    const udi = `(01)${order.udiDi}(10)${order.fgLotNo}(21)${serialNo}`;
    const { body: trace } = await j.p.call("GET", `/v1/trace/backward?udi=${encodeURIComponent(udi)}`, { token });
    // The digest the API computed over the evidence is the one printed, and it is the evidence's.
    expect(trace.evidenceSha256).toBe(traceDigest(trace));
    expect(text.replace(/\s+/g, " ")).toContain(`SHA-256 ${trace.evidenceSha256}`);

    // When they trace the issued lot forward
    const forward = page.locator("[data-testid=forward-search]");
    await forward.getByLabel("Material").selectOption(lot.materialId);
    await forward.getByLabel("Lot number").fill(lot.lotNo);
    await forward.getByRole("button", { name: "Trace forward" }).click();

    // Then the unit is in the recall scope with where it is now, counted by place, and downloadable
    await page.locator(`[data-testid=scope-unit][data-serial="${serialNo}"]`).waitFor();
    const units = await page.locator("[data-testid=scope-unit]").count();
    const counted = await page
      .locator("[data-testid=scope-by-where] strong")
      .evaluateAll((ns) => ns.reduce((sum, n) => sum + Number(n.textContent), 0));
    expect(counted).toBe(units);
    const href = await page.getByRole("link", { name: "Download the units (CSV)" }).getAttribute("href");
    const csv = await page.request.get(`${j.portal}${href}`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(units + 1);
    expect(lines.some((l) => l.includes(serialNo))).toBe(true);
    await screenshot(page, "trace-forward-en");

    // And in Chinese the page speaks Chinese
    await switchLanguage(page, "zh");
    await page.getByRole("heading", { name: "召回范围", exact: true }).waitFor();
    // and so does the report, set in a font that carries Chinese
    const zh = pdfText(await (await page.request.get(`${j.portal}${reportHref}`)).body());
    expect(zh).toContain("追溯报告");
    expect(zh).toContain("第 1 页");
  });

  it("a hospital user gets the 403 page for traceability and no link to it, nor a report", async () => {
    const page = await j.as("city-hospital", "admin");
    expect(await page.getByRole("navigation").getByRole("link", { name: "Traceability" }).count()).toBe(0);
    const res = await page.goto(`${j.portal}/trace`);
    expect(res?.status()).toBe(403);
    const report = await page.request.get(
      `${j.portal}/trace/backward/report.pdf?udi=${encodeURIComponent("(01)06950123450012(21)IP200-2601-0001")}`,
    );
    expect(report.status()).toBe(403);
  });
});
