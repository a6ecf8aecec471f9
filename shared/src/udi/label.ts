/**
 * Barcode labels through bwip-js (BWIPP). The symbol is fed our own checked element string with
 * FNC1s (`^FNC1`) rather than bracketed text: BWIPP's bracket syntax cannot carry a `(` inside a
 * value, and this way what is encoded is exactly what `formatUdi` produced.
 */
import bwipjs from "bwip-js/node";
import { udiError } from "./errors.ts";
import { formatUdi } from "./format.ts";
import { GS } from "./gs1.ts";
import { parseUdi } from "./parse.ts";
import type { UdiData, UdiError } from "./types.ts";

export type LabelSymbology = "gs1datamatrix" | "gs1-128";

export interface LabelOptions {
  readonly symbology: LabelSymbology;
  readonly format: "svg" | "png";
  readonly referenceYear?: number;
}

export type Label =
  | { readonly format: "svg"; readonly mediaType: "image/svg+xml"; readonly svg: string }
  | { readonly format: "png"; readonly mediaType: "image/png"; readonly png: Uint8Array };

/** GS1 General Specifications 5.4.1: at most 48 data characters in one GS1-128 symbol. */
const GS1_128_MAX_CHARACTERS = 48;

export async function renderLabel(udi: string | UdiData, options: LabelOptions): Promise<Label | UdiError> {
  const referenceYear = options.referenceYear;
  const data = typeof udi === "string" ? parseUdi(udi, { referenceYear }) : udi;
  if ("error" in data) return data;
  if (data.scheme === "hibcc") return udiError("unsupported", `HIBCC data cannot go in a ${options.symbology} symbol`);
  const elementString = formatUdi(data, "gs1-element-string", { referenceYear });
  const hri = formatUdi(data, "gs1-bracketed", { referenceYear });
  if (typeof elementString !== "string") return elementString;
  if (typeof hri !== "string") return hri;
  if (options.symbology === "gs1-128" && elementString.length > GS1_128_MAX_CHARACTERS) {
    return udiError("render", `GS1-128 carries at most ${GS1_128_MAX_CHARACTERS} characters; use GS1 DataMatrix`);
  }

  const text = `^FNC1${elementString.replaceAll(GS, "^FNC1")}`;
  const render =
    options.symbology === "gs1datamatrix"
      ? { bcid: "datamatrix", text, parsefnc: true }
      : // BWIPP's GS1-128 defaults: half-inch bars, the bracketed HRI under them.
        { bcid: "code128", text, parsefnc: true, height: 12.7, includetext: true, alttext: hri };
  try {
    if (options.format === "svg") return { format: "svg", mediaType: "image/svg+xml", svg: bwipjs.toSVG(render) };
    return { format: "png", mediaType: "image/png", png: await bwipjs.toBuffer(render) };
  } catch (cause) {
    return udiError("render", `The barcode engine refused the data: ${String(cause)}`);
  }
}
