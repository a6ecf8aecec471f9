import { execFileSync } from "node:child_process";
import { EvidencePack } from "@medloop/shared/recalls/schema";
import { describe, expect, it, vi } from "vitest";
import { en } from "@/i18n/en";
import { zh } from "@/i18n/zh";
import { evidencePdf } from "./evidence-pdf";
import { type EvidenceNames, evidenceReport } from "./evidence-report";

// The marker refuses any import outside Next's server build; this test is server-side code too.
vi.mock("server-only", () => ({}));

/** The PDF's text as a reader's tool extracts it (poppler), so the check is on what a person sees. */
const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString();
const oneLine = (s: string) => s.replace(/\s+/g, " ");

const CAMPAIGN = "3f0c3a5e-9d7b-4c1e-8a2f-5b6d7e8f9a01";
const SUPPLIER = "0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const HOUSING = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const CITY = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";
const RIVER = "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6071";
const SHA = "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab";
const OPENED = "2026-12-02T08:30:00.000Z";
const CITY_SIGNATURE =
  "Biomed Engineer (City) <biomed-engineer@city-hospital.test> · 2026-12-03T08:30:01.000Z · reviewed";

/** A campaign of `count` pumps, half at each hospital; City acknowledged, signed, and located its first. */
function pack(count: number) {
  const serials = Array.from({ length: count }, (_, i) => `IP200-2601-${String(i + 1).padStart(4, "0")}`);
  const hospitalOf = (i: number) => (i % 2 ? "river-hospital" : "city-hospital");
  const customerOf = (i: number) => (i % 2 ? RIVER : CITY);
  const scope = serials.map((serialNo, i) => ({
    productId: "p-ip200",
    serialNo,
    lotNo: "IP200-2601",
    model: "Volumetric infusion pump",
    modelNumber: "IP-200",
    udiDi: "06950123450012",
    udi: `(01)06950123450012(10)IP200-2601(21)${serialNo}`,
    whereabouts: "at-hospital" as const,
    customerId: customerOf(i),
    hospitalTenantId: hospitalOf(i),
    installedId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    state: i === 0 ? ("located" as const) : ("affected" as const),
    stateAt: OPENED,
    history: [{ state: "affected" as const, at: OPENED, by: "Quality Engineer (Acme)", note: null }],
    trace: {
      productId: "p-ip200",
      serialNo,
      orderId: "o-1",
      fgLotNo: "IP200-2601",
      state: "shipped",
      custodian: null,
    },
  }));
  const recipient = (tenant: string, customerId: string, acknowledged: boolean) => ({
    recipient: tenant,
    channel: "medloop" as const,
    hospitalTenantId: tenant,
    customerId,
    devices: scope.filter((u) => u.hospitalTenantId === tenant).length,
    status: acknowledged ? ("acknowledged" as const) : ("sent" as const),
    acknowledgedAt: acknowledged ? "2026-12-03T08:30:01.000Z" : null,
    acknowledgedBy: acknowledged ? "Biomed Engineer (City)" : null,
    acknowledgedSignature: acknowledged ? CITY_SIGNATURE : null,
  });
  const source = { supplierId: SUPPLIER, supplierLotNo: "DG-F01-2512" };
  const lots = [
    {
      orderId: "o-1",
      productId: "p-ip200",
      fgMaterialId: "m-ip200",
      fgLotNo: "IP200-2601",
      level: 1,
      via: { materialId: HOUSING, lotNo: "DG-F01-2512" },
    },
  ];
  const manifest = `Quality Engineer (Acme) <quality-engineer@acme-med.test> · ${OPENED} · approved`;
  return EvidencePack.parse({
    format: "medloop-recall-evidence/1",
    canonicalisation: "sha256 = hex SHA-256 of the canonical JSON of content",
    generatedAt: "2026-12-08T09:00:00.000Z",
    sha256: SHA,
    content: {
      campaign: {
        campaignId: CAMPAIGN,
        status: "open",
        recallClass: "II",
        action: "field-safety-notice",
        reason: "Front housings of lot DG-F01-2512 were moulded below the specified wall thickness",
        complaintRef: null,
        source,
        lots,
        units: count,
        closedUnits: 0,
        openedAt: OPENED,
        openedBy: "Quality Engineer (Acme)",
        signature: manifest,
        closedAt: null,
        closedBy: null,
      },
      signatures: [
        {
          signatureId: "4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c",
          subject: `recall-campaign/${CAMPAIGN}`,
          signerId: "u-1",
          signerName: "Quality Engineer (Acme)",
          signerEmail: "quality-engineer@acme-med.test",
          meaning: "approved",
          signedAt: OPENED,
          manifest,
        },
      ],
      trace: { source, lots, serials: scope.map((u) => u.trace) },
      scope,
      recipients: [recipient("city-hospital", CITY, true), recipient("river-hospital", RIVER, false)],
    },
  });
}

const names: EvidenceNames = {
  customers: new Map([
    [CITY, "City General Hospital"],
    [RIVER, "Riverside Children's Hospital"],
  ]),
  suppliers: new Map([[SUPPLIER, "SUP-DGPLAST · Dongguan Medical Plastics Ltd."]]),
  materials: new Map([[HOUSING, "HSG-IP-FRONT · Front housing IP-200"]]),
};
const by = { organisation: "Acme Medical Devices", user: "Quality Engineer (Acme)", at: "2026-12-08T09:00:00.000Z" };

describe("the recall evidence pack as a PDF", () => {
  it("says the campaign, its trace, each recipient's answer and every device, and ends with the SHA-256", async () => {
    const pdf = await evidencePdf(evidenceReport(pack(4), names, en, by));

    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = oneLine(pdfText(pdf));
    for (const expected of [
      "Recall evidence pack",
      `Campaign ${CAMPAIGN}`,
      "Class II",
      "Field safety notice",
      "moulded below the specified wall thickness",
      "Supplier lot DG-F01-2512 of SUP-DGPLAST · Dongguan Medical Plastics Ltd.",
      "HSG-IP-FRONT · Front housing IP-200, lot DG-",
      "City General Hospital · notice in MedLoop",
      "Riverside Children's Hospital · notice in MedLoop",
      "Sent, not acknowledged",
      CITY_SIGNATURE,
      "IP200-2601-0004",
      "Located",
      "Page 1 of ",
    ]) {
      expect(text).toContain(expected);
    }
    // The digest closes the pack, after the last device, with how to recompute it.
    const end = text.lastIndexOf(`SHA-256 of the content ${SHA} To check this pack`);
    expect(end).toBeGreaterThan(text.lastIndexOf("IP200-2601-0004"));
    expect(text.slice(end)).toContain("compute SHA-256: it must equal the value above");
  });

  it("breaks a long scope over pages with 'page n of m', and speaks Chinese to a Chinese reader", async () => {
    const pdf = await evidencePdf(evidenceReport(pack(120), names, zh, by));
    const text = oneLine(pdfText(pdf));
    const pages = Number(/共 (\d+) 页/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`第 ${pages} 页，共 ${pages} 页`);
    for (const expected of ["召回证据包", "现场安全通知", "已发送，未确认", "IP200-2601-0120", SHA]) {
      expect(text).toContain(expected);
    }
  });
});
