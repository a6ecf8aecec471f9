/**
 * Amazon EventBridge event patterns, matched the way aws/event-ruler (the engine behind EventBridge) matches them, so a
 * rule that routes an event on the laptop routes it in the cloud too. Pure TypeScript: no Node APIs, so the portal and
 * tests can use it as well as the local bus.
 */

type Scalar = string | number | boolean | null;
type Test = (value: Scalar) => boolean;

/** Which element of each enclosing event array a leaf came from, keyed by the array's location in the event. */
type Membership = ReadonlyMap<string, number>;

interface Leaf {
  value: Scalar;
  membership: Membership;
}

interface Field {
  path: string[];
  /** event-ruler's flattened name; it orders the fields, which decides what `exists: false` is consistent with. */
  name: string;
  tests: Test[];
  /** `{ "exists": false }` is one of the field's alternatives. */
  absent: boolean;
}

/** A pattern with its `$or`s multiplied out: the event matches if it matches any one of these field lists. */
type Alternative = Field[];

export class EventPatternError extends Error {
  override name = "EventPatternError";
}

export type EventPatternResult = { ok: true } | { ok: false; message: string };

/** Compile once, match many: the bus compiles each rule's pattern when it starts, so a bad pattern fails at start-up. */
export function compileEventPattern(pattern: unknown): (event: unknown) => boolean {
  if (!isObject(pattern)) throw new EventPatternError("An event pattern must be a JSON object");
  const alternatives = compileObject(pattern, [], [new Map()], false).map((draft) =>
    [...draft.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  );
  return (event) => {
    if (!isObject(event)) throw new TypeError("An event must be a JSON object");
    const leaves = leafFinder(event);
    return alternatives.some((fields) => matchFrom(fields, 0, new Map(), leaves));
  };
}

export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern)(event);
}

export function validateEventPattern(pattern: unknown): EventPatternResult {
  try {
    compileEventPattern(pattern);
    return { ok: true };
  } catch (e) {
    if (e instanceof EventPatternError) return { ok: false, message: e.message };
    throw e;
  }
}

// --- matching ---

/**
 * Array consistency: every field is matched by a leaf, and two leaves that sit in the same event array must come from
 * the same element of it. Fields are tried in name order, as event-ruler's state machine steps through them, and
 * `exists: false` holds when no leaf of that name is consistent with the leaves chosen so far.
 */
function matchFrom(
  fields: Alternative,
  index: number,
  membership: Membership,
  leaves: (field: Field) => Leaf[],
): boolean {
  const field = fields[index];
  if (!field) return true;
  const consistent = leaves(field).filter((leaf) => isConsistent(membership, leaf.membership));
  for (const leaf of consistent) {
    if (
      field.tests.some((test) => test(leaf.value)) &&
      matchFrom(fields, index + 1, merge(membership, leaf.membership), leaves)
    ) {
      return true;
    }
  }
  return field.absent && consistent.length === 0 && matchFrom(fields, index + 1, membership, leaves);
}

function isConsistent(a: Membership, b: Membership): boolean {
  for (const [array, element] of b) {
    const other = a.get(array);
    if (other !== undefined && other !== element) return false;
  }
  return true;
}

function merge(a: Membership, b: Membership): Membership {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  return new Map([...a, ...b]);
}

/** The leaves at a field's path, found once per event and path. */
function leafFinder(event: Record<string, unknown>): (field: Field) => Leaf[] {
  const found = new Map<string, Leaf[]>();
  return (field) => {
    const key = JSON.stringify(field.path);
    let leaves = found.get(key);
    if (!leaves) {
      leaves = [];
      collectLeaves(event, field.path, 0, "", new Map(), leaves);
      found.set(key, leaves);
    }
    return leaves;
  };
}

/** Only scalars are leaves: an object or an empty array at the path is, for matching, no value at all. */
function collectLeaves(
  value: unknown,
  path: string[],
  depth: number,
  location: string,
  membership: Membership,
  out: Leaf[],
): void {
  if (Array.isArray(value)) {
    value.forEach((element, i) => {
      collectLeaves(element, path, depth, `${location}[${i}]`, new Map([...membership, [location, i]]), out);
    });
    return;
  }
  const key = path[depth];
  if (key === undefined) {
    if (isScalar(value)) out.push({ value, membership });
    return;
  }
  if (isObject(value) && Object.hasOwn(value, key)) {
    collectLeaves(value[key], path, depth + 1, `${location}.${JSON.stringify(key)}`, membership, out);
  }
}

// --- compiling ---

type Draft = ReadonlyMap<string, Field>;

/** Keys that would read as match expressions: event-ruler refuses them as field names inside `$or`. */
const RESERVED_IN_OR = new Set([
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "=",
  "<",
  "<=",
  ">",
  ">=",
]);

function compileObject(object: Record<string, unknown>, path: string[], drafts: Draft[], inOr: boolean): Draft[] {
  const entries = Object.entries(object);
  if (entries.length === 0) fail(path, "empty objects are not allowed");
  let current = drafts;
  for (const [key, value] of entries) {
    if (key === "$or") {
      current = compileOr(value, path, current);
      continue;
    }
    const at = [...path, key];
    if (inOr && RESERVED_IN_OR.has(key)) fail(at, `"${key}" is a reserved word and cannot be a field name inside $or`);
    if (Array.isArray(value)) {
      const field = compileField(value, at);
      current = current.map((draft) => withField(draft, field));
    } else if (isObject(value)) {
      current = compileObject(value, at, current, inOr);
    } else {
      fail(at, "must be an object or an array");
    }
  }
  return current;
}

function compileOr(value: unknown, path: string[], drafts: Draft[]): Draft[] {
  const at = [...path, "$or"];
  if (!Array.isArray(value)) fail(at, "must be an array of objects");
  if (value.length < 2) fail(at, "needs at least 2 objects");
  return value.flatMap((branch) => {
    if (!isObject(branch)) fail(at, "may only contain objects");
    return compileObject(branch, path, drafts, true);
  });
}

/**
 * event-ruler lets a later constraint on the same path silently replace an earlier one; refusing it says what the
 * author most likely did not mean.
 */
function withField(draft: Draft, field: Field): Draft {
  const key = JSON.stringify(field.path);
  if (draft.has(key)) fail(field.path, "is constrained more than once (directly and inside $or, or in nested $or)");
  return new Map(draft).set(key, field);
}

const ABSENT = Symbol("absent");

function compileField(values: unknown[], path: string[]): Field {
  if (values.length === 0) fail(path, "empty arrays are not allowed");
  const tests: Test[] = [];
  let absent = false;
  for (const value of values) {
    const compiled = compileValue(value, path);
    if (compiled === ABSENT) absent = true;
    else tests.push(compiled);
  }
  return { path, name: path.join("."), tests, absent };
}

function compileValue(value: unknown, path: string[]): Test | typeof ABSENT {
  if (typeof value === "string") return exactString(value);
  if (typeof value === "number") {
    const n = finite(value, path, "a number to match");
    return (v) => v === n;
  }
  if (typeof value === "boolean" || value === null) return (v) => v === value;
  if (isObject(value)) return compileExpression(value, path);
  return fail(path, "match values must be strings, numbers, true, false, null or match expressions");
}

/** A value that reads as an IP address matches the same address however the event writes it, as in event-ruler. */
function exactString(expected: string): Test {
  const ip = parseIp(expected);
  if (!ip) return (v) => v === expected;
  return (v) => v === expected || (typeof v === "string" && sameBytes(parseIp(v), ip));
}

function compileExpression(expression: Record<string, unknown>, path: string[]): Test | typeof ABSENT {
  const [kind, ...more] = Object.keys(expression);
  if (kind === undefined) fail(path, 'a match expression needs a name, e.g. { "prefix": "..." }');
  if (more.length > 0) fail(path, `a match expression has exactly one key, got ${[kind, ...more].join(", ")}`);
  const arg = expression[kind];
  switch (kind) {
    case "prefix":
    case "suffix": {
      if (typeof arg === "string") {
        return stringTest(kind === "prefix" ? (s) => s.startsWith(arg) : (s) => s.endsWith(arg));
      }
      const text = ignoreCaseArgument(arg, path, kind);
      return stringTest(textMatcher(caseInsensitive(text), kind === "prefix" ? "start" : "end"));
    }
    case "equals-ignore-case":
      return stringTest(textMatcher(caseInsensitive(stringArg(arg, path, kind)), "whole"));
    case "wildcard":
      return stringTest(wildcardMatcher(stringArg(arg, path, kind), path));
    case "anything-but":
      return anythingBut(arg, path);
    case "numeric":
      return numeric(arg, path);
    case "exists":
      if (typeof arg !== "boolean") fail(path, "exists must be true or false");
      return arg ? () => true : ABSENT;
    case "cidr":
      return cidr(stringArg(arg, path, kind), path);
    default:
      return fail(path, `unrecognised match type "${kind}"`);
  }
}

function ignoreCaseArgument(arg: unknown, path: string[], kind: string): string {
  if (!isObject(arg)) fail(path, `${kind} must be a string or { "equals-ignore-case": "..." }`);
  const keys = Object.keys(arg);
  if (keys.length !== 1 || keys[0] !== "equals-ignore-case") {
    fail(path, `${kind} takes a string or exactly { "equals-ignore-case": "..." }`);
  }
  return stringArg(arg["equals-ignore-case"], path, `${kind} equals-ignore-case`);
}

const ANYTHING_BUT_STRINGS = new Map<string, (text: string, path: string[]) => (s: string) => boolean>([
  ["equals-ignore-case", (text) => textMatcher(caseInsensitive(text), "whole")],
  [
    "prefix",
    (text, path) => {
      if (text === "") fail(path, "anything-but prefix must not be empty");
      return (s) => s.startsWith(text);
    },
  ],
  [
    "suffix",
    (text, path) => {
      if (text === "") fail(path, "anything-but suffix must not be empty");
      return (s) => s.endsWith(text);
    },
  ],
  ["wildcard", wildcardMatcher],
]);

function anythingBut(arg: unknown, path: string[]): Test {
  if (typeof arg === "string") return (v) => v !== arg;
  if (typeof arg === "number") {
    const n = finite(arg, path, "anything-but");
    return (v) => v !== n;
  }
  if (Array.isArray(arg)) {
    if (arg.length === 0) fail(path, "anything-but needs at least one value");
    if (arg.every((x) => typeof x === "string") || arg.every((x) => typeof x === "number")) {
      const excluded = arg.map((x) => (typeof x === "number" ? finite(x, path, "anything-but") : x));
      return (v) => !excluded.includes(v as never);
    }
    return fail(path, "anything-but lists hold only strings or only numbers, not a mix, null or booleans");
  }
  if (!isObject(arg)) return fail(path, "anything-but takes a string, a number, a list of either, or an object");
  const [kind, ...more] = Object.keys(arg);
  if (kind === undefined || more.length > 0) {
    fail(path, "anything-but takes exactly one of equals-ignore-case, prefix, suffix or wildcard");
  }
  const build = ANYTHING_BUT_STRINGS.get(kind);
  if (!build) fail(path, `unsupported anything-but pattern "${kind}"`);
  const raw = arg[kind];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) fail(path, `anything-but ${kind} needs at least one value`);
  const matchers = values.map((x) => build(stringArg(x, path, `anything-but ${kind}`), path));
  // Only strings can be excluded this way; a number, boolean or null is "anything but" any string.
  return (v) => typeof v !== "string" || !matchers.some((m) => m(v));
}

type Compare = (x: number, bound: number) => boolean;
const LOWER_BOUNDS = new Map<unknown, Compare>([
  [">", (x, b) => x > b],
  [">=", (x, b) => x >= b],
]);
const UPPER_BOUNDS = new Map<unknown, Compare>([
  ["<", (x, b) => x < b],
  ["<=", (x, b) => x <= b],
]);

function numeric(arg: unknown, path: string[]): Test {
  if (!Array.isArray(arg)) fail(path, 'numeric takes an array such as [">", 0, "<=", 5]');
  const [op, bound, op2, top, ...rest] = arg;
  const value = (x: unknown, after: unknown) => {
    if (typeof x !== "number") fail(path, `numeric: the value after "${String(after)}" must be a number`);
    return finite(x, path, "numeric");
  };
  if (rest.length > 0) fail(path, "numeric takes at most two comparisons");
  if (op === "=") {
    if (arg.length !== 2) fail(path, 'numeric "=" takes exactly one number');
    const n = value(bound, op);
    return (v) => v === n;
  }
  const upper = UPPER_BOUNDS.get(op);
  if (upper) {
    if (arg.length !== 2) fail(path, `numeric "${op}" cannot be followed by another comparison`);
    const n = value(bound, op);
    return (v) => typeof v === "number" && upper(v, n);
  }
  const lower = LOWER_BOUNDS.get(op);
  if (!lower) return fail(path, `numeric: unrecognised operator ${JSON.stringify(op)}`);
  const low = value(bound, op);
  if (arg.length === 2) return (v) => typeof v === "number" && lower(v, low);
  const upper2 = UPPER_BOUNDS.get(op2);
  if (!upper2) return fail(path, `numeric: after "${op}" only "<" or "<=" may follow, got ${JSON.stringify(op2)}`);
  if (arg.length !== 4) fail(path, `numeric: "${op2}" needs a number`);
  const high = value(top, op2);
  if (!(low < high)) fail(path, "numeric: the lower bound must be less than the upper bound");
  return (v) => typeof v === "number" && lower(v, low) && upper2(v, high);
}

function cidr(text: string, path: string[]): Test {
  const [address, bits, ...rest] = text.split("/");
  if (bits === undefined || rest.length > 0) fail(path, `cidr "${text}" needs exactly one "/"`);
  const network = parseIp(address ?? "");
  if (!network) fail(path, `cidr "${text}" does not start with an IPv4 or IPv6 address`);
  const max = network.length * 8;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) fail(path, `cidr "${text}": mask bits must be 0 to ${max}`);
  const prefix = Number(bits);
  // Host bits set in the pattern are ignored: 10.0.0.7/24 is the network 10.0.0.0/24.
  return (v) => {
    if (typeof v !== "string") return false;
    const ip = parseIp(v);
    return ip !== undefined && ip.length === network.length && samePrefix(ip, network, prefix);
  };
}

// --- strings ---

function stringTest(matches: (s: string) => boolean): Test {
  return (v) => typeof v === "string" && matches(v);
}

function stringArg(arg: unknown, path: string[], what: string): string {
  if (typeof arg !== "string") fail(path, `${what} must be a string`);
  return arg;
}

function textMatcher(source: string, anchor: "start" | "end" | "whole"): (s: string) => boolean {
  const re = new RegExp(anchor === "start" ? `^${source}` : anchor === "end" ? `${source}$` : `^${source}$`, "su");
  return (s) => re.test(s);
}

/** Each pattern character stands for itself, its lower case and its upper case, as event-ruler expands it. */
function caseInsensitive(text: string): string {
  let source = "";
  for (const ch of text) {
    const forms = [...new Set([ch, ch.toLowerCase(), ch.toUpperCase()])];
    source += forms.length === 1 ? escapeRegExp(ch) : `(?:${forms.map(escapeRegExp).join("|")})`;
  }
  return source;
}

/** `*` matches any run of characters; `\*` and `\\` are a literal star and backslash; nothing else may be escaped. */
function wildcardMatcher(text: string, path: string[]): (s: string) => boolean {
  let source = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "*") {
      if (text[i + 1] === "*") fail(path, `wildcard "${text}": consecutive * at position ${i}`);
      source += ".*";
    } else if (ch === "\\") {
      const next = text[i + 1];
      if (next !== "*" && next !== "\\") fail(path, `wildcard "${text}": invalid escape at position ${i}`);
      source += escapeRegExp(next);
      i++;
    } else {
      source += escapeRegExp(ch);
    }
  }
  return textMatcher(source, "whole");
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

// --- IP addresses ---

function parseIp(text: string): Uint8Array | undefined {
  return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts, Number);
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (!half) return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(Number.parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const compressed = halves.length === 2;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<number>(compressed ? missing : 0).fill(0), ...tail];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

// --- helpers ---

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function finite(n: number, path: string[], what: string): number {
  if (!Number.isFinite(n)) fail(path, `${what} must be a finite number`);
  return n;
}

function fail(path: string[], message: string): never {
  throw new EventPatternError(
    path.length > 0 ? `Event pattern field "${path.join(".")}": ${message}` : `Event pattern: ${message}`,
  );
}
