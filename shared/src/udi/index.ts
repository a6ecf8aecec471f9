export { gs1CheckDigit, hasValidGs1CheckDigit, hibccCheckCharacter } from "./check-digit.ts";
export { type ComposeInput, compose, type FormatOptions, formatUdi } from "./format.ts";
export { type Label, type LabelOptions, type LabelSymbology, renderLabel } from "./label.ts";
export { detectFormat, parseUdi } from "./parse.ts";
export * from "./types.ts";
