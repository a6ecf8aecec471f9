import "server-only";
import PDFDocument from "pdfkit";
import { format } from "@/i18n";
import { reportFont } from "@/server/report-font";
import type { EvidenceReport } from "./evidence-report";

const MARGIN = 40;
const GAP = 6;
const LABEL = 120;

/**
 * The evidence pack as an A4 PDF: title, the campaign's facts, a section per part of the pack
 * (facts as label and value, tables whose rows break across pages with the heading repeated), the
 * SHA-256 and how to recompute it at the end, "page n of m" on every page.
 */
export function evidencePdf(report: EvidenceReport): Promise<Buffer> {
  const font = reportFont();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    // No built-in Helvetica: every glyph comes from the embedded font.
    font: null as unknown as string,
    info: { Title: `${report.title}: ${report.subject}`, Subject: report.subject, Keywords: report.digest },
  });
  doc.registerFont("body", font.path, font.face);
  doc.font("body");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 20;
  /** Room for `height` more on this page, else a new one. */
  const room = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };
  const factHeight = ([label, value]: [string, string]) =>
    Math.max(doc.heightOfString(label, { width: LABEL }), doc.heightOfString(value, { width: width - LABEL - 5 }));
  const facts = (rows: [string, string][]) => {
    doc.fontSize(9);
    for (const fact of rows) {
      const [label, value] = fact;
      room(factHeight(fact));
      const y = doc.y;
      doc.text(label, MARGIN, y, { width: LABEL });
      const below = doc.y;
      doc.text(value, MARGIN + LABEL + 5, y, { width: width - LABEL - 5 });
      doc.y = Math.max(doc.y, below);
      doc.moveDown(0.2);
    }
  };
  const table = ({ columns, weights, rows }: NonNullable<EvidenceReport["sections"][number]["table"]>) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((share) => (width * share) / total);
    const row = (cells: string[], heading = false) => {
      doc.fontSize(heading ? 8.5 : 8);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - GAP }))) + GAP;
      if (doc.y + height > bottom) {
        doc.addPage();
        if (!heading) row(columns, true);
      }
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.text(c, x, y, { width: widths[i]! - GAP });
        x += widths[i]!;
      });
      doc
        .moveTo(MARGIN, y + height - GAP / 2)
        .lineTo(MARGIN + width, y + height - GAP / 2)
        .lineWidth(heading ? 0.8 : 0.3)
        .stroke("#888888");
      doc.y = y + height;
    };
    row(columns, true);
    for (const r of rows) row(r);
  };

  doc.fontSize(16).text(report.title).moveDown(0.2);
  doc.fontSize(12).text(report.subject).moveDown(0.6);
  facts(report.facts);
  for (const section of report.sections) {
    doc.moveDown(0.6);
    // A section of facts (a recipient's answer) stays on one page when it fits on one.
    doc.fontSize(9);
    const body = (section.facts ?? []).reduce((sum, f) => sum + factHeight(f) + 3, 0);
    room(Math.min(24 + body + (section.table ? 40 : 0), bottom - MARGIN));
    doc.fontSize(11).text(section.heading, MARGIN, doc.y, { width }).moveDown(0.3);
    if (section.facts) facts(section.facts);
    if (section.table) table(section.table);
  }
  doc.moveDown(0.8);
  room(60);
  doc.fontSize(10).text(report.digestLabel, MARGIN, doc.y, { width }).moveDown(0.2);
  doc.fontSize(9).text(report.digest, { width }).moveDown(0.3);
  doc.fontSize(8).text(report.recompute, { width });

  const pages = doc.bufferedPageRange().count;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin would start a new page: lift the margin while the footer is set.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(7)
      .text(
        `${format(report.pageOf, { page: i + 1, pages })} · SHA-256 ${report.digest}`,
        MARGIN,
        doc.page.height - MARGIN + 10,
        { width, align: "center" },
      );
  }
  doc.end();
  return done;
}
