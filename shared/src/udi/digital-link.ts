/**
 * GS1 Digital Link URIs (GS1 Digital Link standard 1.x, URI syntax): a primary key and its
 * qualifiers in the path (`/01/…/22/…/10/…/21/…`), data attributes in the query. The rules follow
 * the GS1 Syntax Engine's `gs1_parseDLuri`, so that both accept and refuse the same URIs.
 */
import { type AiDefinition, aiTable } from "./ais.ts";
import { udiError } from "./errors.ts";
import { checkElement, type Gs1Element, predefinedRank, sequence } from "./gs1.ts";
import type { Gs1Data, UdiError } from "./types.ts";

export const DEFAULT_STEM = "https://id.gs1.org";

const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_DOMAIN_CHARACTERS = /[_~?#@!$&'()*+,;=%]/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-decoding as the engine does it: a `%` without two hex digits stays a `%`. */
function decode(raw: string, inQuery: boolean): string {
  return raw.replace(/%([0-9A-Fa-f]{2})|\+/g, (match, hex: string | undefined) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : inQuery ? " " : match,
  );
}

const encode = (value: string): string =>
  [...value]
    .map((char) =>
      UNRESERVED.test(char) ? char : `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

function isOrderedSubsequence(items: readonly string[], of: readonly string[]): boolean {
  let next = 0;
  for (const item of items) {
    next = of.indexOf(item, next) + 1;
    if (next === 0) return false;
  }
  return true;
}

/** A key followed by qualifiers drawn, in order, from one of its `dlpkey` alternatives. */
function isValidPath(ais: readonly string[]): boolean {
  const [key, ...qualifiers] = ais;
  const alternatives = key === undefined ? undefined : aiTable.get(key)?.dlQualifiers;
  return alternatives?.some((alternative) => isOrderedSubsequence(qualifiers, alternative)) ?? false;
}

interface Located extends Gs1Element {
  readonly inQuery: boolean;
}

export interface DigitalLinkOptions {
  readonly permitZeroSuppressedGtin: boolean;
  readonly referenceYear: number;
}

export function readDigitalLink(uri: string, base: number, options: DigitalLinkOptions): Gs1Element[] | UdiError {
  const illegal = [...uri].findIndex((char) => !URI_CHARACTERS.test(char));
  if (illegal >= 0) return udiError("dl-syntax", "Character not allowed in a URI", base + illegal);
  const scheme = /^(https?|HTTPS?):\/\//.exec(uri);
  if (!scheme) return udiError("dl-syntax", "A Digital Link starts with http:// or https://", base);
  const domainStart = scheme[0].length;
  const pathStart = uri.indexOf("/", domainStart);
  const domain = uri.slice(domainStart, pathStart < 0 ? undefined : pathStart);
  if (pathStart < 0 || domain === "") return udiError("dl-syntax", "URI has no domain and path", base + domainStart);
  const badDomain = domain.search(BAD_DOMAIN_CHARACTERS);
  if (badDomain >= 0) return udiError("dl-syntax", "Character not allowed in a domain", base + domainStart + badDomain);

  const withoutFragment = uri.split("#")[0]!;
  const queryStart = withoutFragment.indexOf("?", pathStart);
  const path = withoutFragment.slice(pathStart, queryStart < 0 ? undefined : queryStart);
  const segments = path.split("/");
  const offsets: number[] = [];
  let offset = base + pathStart;
  for (const segment of segments) {
    offsets.push(offset);
    offset += segment.length + 1;
  }

  for (let i = 1; i < segments.length - 1; i++) {
    if (segments[i + 1] === "" && aiTable.has(segments[i]!)) {
      return udiError("empty-value", `AI (${segments[i]}) has an empty path element`, offsets[i + 1], segments[i]);
    }
  }

  // The path may have any stem in front: walk back from the end in /AI/value pairs to the key.
  let root: number | undefined;
  let stopped: number | undefined;
  for (let i = segments.length - 2; i >= 1; i -= 2) {
    const definition = aiTable.get(segments[i]!);
    if (!definition) {
      stopped = i;
      break;
    }
    if (definition.dlQualifiers) {
      root = i;
      break;
    }
  }
  if (root === undefined) {
    const unknown = stopped === undefined ? undefined : segments[stopped]!;
    const keyBefore = stopped !== undefined && segments.slice(1, stopped).some((s) => aiTable.get(s)?.dlQualifiers);
    if (unknown !== undefined && /^\d+$/.test(unknown) && keyBefore) {
      return udiError("unknown-ai", `(${unknown}) is not a GS1 Application Identifier`, offsets[stopped!], unknown);
    }
    return udiError("dl-syntax", "No GS1 Digital Link primary key in the path", base + pathStart);
  }

  const elements: Located[] = [];
  const take = (definition: AiDefinition, raw: string, position: number, inQuery: boolean): UdiError | undefined => {
    let value = decode(raw, inQuery);
    if (value.includes("\u0000")) return udiError("character-set", "Value decodes to a NUL", position, definition.ai);
    // Older generators wrote GTIN-8/12/13 unpadded; the standard wants the GTIN-14.
    if (options.permitZeroSuppressedGtin && definition.ai === "01" && [8, 12, 13].includes(value.length)) {
      value = value.padStart(14, "0");
    }
    const invalid = checkElement(definition, value, position, options.referenceYear);
    if (invalid) return invalid;
    elements.push({ ai: definition.ai, value, position, inQuery });
    return undefined;
  };

  for (let i = root; i < segments.length; i += 2) {
    const invalid = take(aiTable.get(segments[i]!)!, segments[i + 1]!, offsets[i + 1]!, false);
    if (invalid) return invalid;
  }
  const pathAis = elements.map((e) => e.ai);
  if (!isValidPath(pathAis)) {
    return udiError(
      "dl-structure",
      `Path ${pathAis.join("/")} is not a key with its qualifiers in order`,
      offsets[root],
    );
  }

  if (queryStart >= 0) {
    let at = base + queryStart + 1;
    for (const parameter of withoutFragment.slice(queryStart + 1).split("&")) {
      const equals = parameter.indexOf("=");
      const name = parameter.slice(0, equals);
      // Parameters that are not all digits belong to the resolver, not to the GS1 data.
      if (equals >= 0 && /^\d+$/.test(name)) {
        const definition = aiTable.get(name);
        if (!definition) return udiError("unknown-ai", `(${name}) is not a GS1 Application Identifier`, at, name);
        const raw = parameter.slice(equals + 1);
        if (raw === "") return udiError("empty-value", `AI (${name}) has an empty value`, at, name);
        const invalid = take(definition, raw, at + equals + 1, true);
        if (invalid) return invalid;
      }
      at += parameter.length + 1;
    }
  }

  const seen = new Set<string>();
  for (const { ai, position } of elements) {
    if (seen.has(ai)) return udiError("duplicate-ai", `AI (${ai}) appears twice`, position, ai);
    seen.add(ai);
  }
  for (const { ai, position, inQuery } of elements) {
    if (!inQuery) continue;
    if (!aiTable.get(ai)?.dlAttribute) {
      return udiError("dl-structure", `AI (${ai}) is not a Digital Link data attribute`, position, ai);
    }
    const belongsInPath = pathAis.some(
      (_, j) => j > 0 && isValidPath([...pathAis.slice(0, j), ai, ...pathAis.slice(j)]),
    );
    if (belongsInPath || isValidPath([...pathAis, ai])) {
      return udiError("dl-structure", `AI (${ai}) qualifies the key and belongs in the path`, position, ai);
    }
  }
  return elements.map(({ ai, value, position }) => ({ ai, value, position }));
}

/**
 * The longest key/qualifier path the data allows, the remaining AIs as query attributes
 * (predefined-length first, as the engine writes them).
 */
export function writeDigitalLink(data: Gs1Data, stem = DEFAULT_STEM): string | UdiError {
  const { ais } = data;
  const ordered = sequence(data);
  const key = ordered.find(([ai]) => aiTable.get(ai)?.dlQualifiers);
  if (!key) return udiError("unsupported", "A Digital Link needs a primary key such as (01) or (00)");
  const alternatives = aiTable.get(key[0])!.dlQualifiers!;
  const qualifiers = alternatives
    .map((alternative) => alternative.filter((ai) => ai in ais))
    .reduce((best, candidate) => (candidate.length > best.length ? candidate : best));
  const path = [key[0], ...qualifiers];
  const predefinedFirst = [...ordered].sort(([a], [b]) => predefinedRank(a) - predefinedRank(b));
  const query: string[] = [];
  for (const [ai, value] of predefinedFirst) {
    if (path.includes(ai)) continue;
    if (!aiTable.get(ai)?.dlAttribute) {
      return udiError("dl-structure", `AI (${ai}) cannot travel in a Digital Link with key (${key[0]})`, undefined, ai);
    }
    query.push(`${ai}=${encode(value)}`);
  }
  const pathText = path.map((ai) => `/${ai}/${encode(ais[ai]!)}`).join("");
  return `${stem.replace(/\/+$/, "")}${pathText}${query.length ? `?${query.join("&")}` : ""}`;
}
