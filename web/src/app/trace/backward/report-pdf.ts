import "server-only";
import PDFDocument from "pdfkit";
import { format } from "@/i18n";
import { reportFont } from "@/server/report-font";
import type { TraceReport } from "./report";

const MARGIN = 40;
const GAP = 6;

/** The report as an A4 PDF: title, facts, the evidence chain as a table, "page n of m" on every page. */
export function reportPdf(report: TraceReport): Promise<Buffer> {
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
  doc.fontSize(16).text(report.title).moveDown(0.2);
  doc.fontSize(12).text(report.subject).moveDown(0.6);
  doc.fontSize(9);
  for (const [label, value] of report.facts) {
    const y = doc.y;
    doc.text(label, MARGIN, y, { width: 120 });
    doc.text(value, MARGIN + 125, y, { width: width - 125 });
    doc.moveDown(0.2);
  }
  doc.moveDown(0.6);

  // The evidence chain: a table whose rows break across pages, the heading repeated on each.
  const widths = [70, 165, 80, width - 70 - 165 - 80];
  const bottom = doc.page.height - MARGIN - 20;
  const row = (cells: string[], heading = false) => {
    doc.fontSize(heading ? 8.5 : 8);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - GAP }))) + GAP;
    if (doc.y + height > bottom) {
      doc.addPage();
      if (!heading) row(report.columns, true);
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
  row(report.columns, true);
  for (const r of report.rows) row(r);

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
