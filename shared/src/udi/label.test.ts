import bwipjs from "bwip-js/node";
import { describe, expect, it } from "vitest";
import { aiTable } from "./ais.ts";
import { compose, type Gs1Udi, renderLabel } from "./index.ts";

const referenceYear = 2026;
const device = compose(
  { gtin: "09506000134352", expiry: "2027-12-31", lot: "ABC123", serial: "XYZ" },
  { referenceYear },
) as Gs1Udi;
const hri = "(01)09506000134352(17)271231(10)ABC123(21)XYZ";

// More than the largest Data Matrix holds: every free-text AI filled up, in characters that
// no encodation packs tighter than one codeword each.
const overflowing = Object.fromEntries(
  [...aiTable.values()]
    .filter(
      ({ predefined, components: [only, ...more] }) =>
        !predefined && only?.charset === "X" && !only.tests.length && !more.length,
    )
    .map(({ ai, length }) => [ai, "a!".repeat(length.max).slice(0, length.max)]),
);

describe("renderLabel", () => {
  it("draws a GS1 DataMatrix as SVG, the same symbol as BWIPP's own GS1 encoder", async () => {
    const label = await renderLabel(device, { symbology: "gs1datamatrix", format: "svg", referenceYear });

    expect(label).toMatchObject({ format: "svg", mediaType: "image/svg+xml" });
    const svg = "svg" in label ? label.svg : "";
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toMatch(/<path [^>]*d="M[^"]+"/);
    expect(svg).toBe(bwipjs.toSVG({ bcid: "gs1datamatrix", text: hri }));
  });

  it("draws GS1-128 with its bracketed HRI, the same symbol as BWIPP's own GS1 encoder", async () => {
    const label = await renderLabel(device, { symbology: "gs1-128", format: "svg", referenceYear });

    const svg = "svg" in label ? label.svg : "";
    expect(svg).toBe(bwipjs.toSVG({ bcid: "gs1-128", text: hri, includetext: true }));
    // The HRI is drawn as glyph outlines: more paths than the bars alone.
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(1);
  });

  it("renders PNG", async () => {
    const label = await renderLabel(hri, { symbology: "gs1datamatrix", format: "png", referenceYear });

    const png = "png" in label ? label.png : new Uint8Array();
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("encodes a value with a bracket, which BWIPP's bracketed input cannot carry", async () => {
    const label = await renderLabel("(01)09506000134352(10)A\\(1)", { symbology: "gs1datamatrix", format: "svg" });

    expect(label).toMatchObject({ format: "svg" });
  });

  it("answers bad input with a typed error, not an exception", async () => {
    await expect(
      renderLabel("(01)09506000134353", { symbology: "gs1datamatrix", format: "svg", referenceYear }),
    ).resolves.toMatchObject({ error: "check-digit", ai: "01" });
    await expect(
      renderLabel("+D65825032111", { symbology: "gs1-128", format: "svg", referenceYear }),
    ).resolves.toMatchObject({ error: "unsupported" });
    await expect(
      renderLabel(
        { scheme: "gs1", ais: { "01": "09506000134352", "99": "X".repeat(40) } },
        { symbology: "gs1-128", format: "svg" },
      ),
    ).resolves.toMatchObject({ error: "render" });
    await expect(
      renderLabel({ scheme: "gs1", ais: overflowing }, { symbology: "gs1datamatrix", format: "svg" }),
    ).resolves.toMatchObject({
      error: "render",
    });
  });
});
