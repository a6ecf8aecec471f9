import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conformanceSuite } from "../../../test/conformance.ts";
import { compileEventPattern, EventPatternError, matchesEventPattern, validateEventPattern } from "./index.ts";

// Third-party vectors (aws/event-ruler tests, EventBridge user guide), kept beside the checkout.
const Vectors = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      pattern: z.record(z.string(), z.unknown()),
      event: z.record(z.string(), z.unknown()),
      matches: z.boolean(),
      ref: z.string(),
      note: z.string().optional(),
    }),
  ),
});

conformanceSuite("EventBridge conformance vectors", "eventbridge-patterns.json", Vectors, ({ cases }) => {
  it.each(cases)("$id matches=$matches", ({ pattern, event, matches }) => {
    expect(matchesEventPattern(pattern, event)).toBe(matches);
  });

  it("validateEventPattern accepts every pattern of the vectors", () => {
    for (const c of cases) expect(validateEventPattern(c.pattern), c.id).toEqual({ ok: true });
  });
});

describe("matchesEventPattern", () => {
  const order = {
    source: "medloop.work-order",
    detail: {
      state: "Submitted",
      site: { ip: "2001:db8::17", code: "Ward-7" },
      priority: 3,
      urgent: null,
      lines: [
        { sku: "A-1", qty: 2, tags: ["sterile"] },
        { sku: "B-2", qty: 0 },
      ],
    },
  };

  it("matches null only where the event holds null, and exists only on leaves", () => {
    expect(matchesEventPattern({ detail: { urgent: [null] } }, order)).toBe(true);
    expect(matchesEventPattern({ detail: { missing: [null] } }, order)).toBe(false);
    expect(matchesEventPattern({ detail: { urgent: [{ exists: true }] } }, order)).toBe(true);
    expect(matchesEventPattern({ detail: { site: [{ exists: true }] } }, order)).toBe(false);
    expect(matchesEventPattern({ detail: { site: [{ exists: false }] } }, order)).toBe(true);
  });

  it("keeps fields from one array element together, for exists: false too", () => {
    expect(matchesEventPattern({ detail: { lines: { sku: ["B-2"], qty: [0] } } }, order)).toBe(true);
    expect(matchesEventPattern({ detail: { lines: { sku: ["A-1"], qty: [0] } } }, order)).toBe(false);
    expect(matchesEventPattern({ detail: { lines: { sku: ["B-2"], tags: [{ exists: false }] } } }, order)).toBe(true);
    expect(matchesEventPattern({ detail: { lines: { sku: ["A-1"], tags: [{ exists: false }] } } }, order)).toBe(false);
  });

  it("supports the string matchers' case-insensitive and wildcard forms", () => {
    const m = (site: unknown) => matchesEventPattern({ detail: { site: { code: [site] } } }, order);
    expect(m({ suffix: { "equals-ignore-case": "WARD-7" } })).toBe(true);
    expect(m({ prefix: { "equals-ignore-case": "wArD" } })).toBe(true);
    expect(m({ wildcard: "W*-*" })).toBe(true);
    expect(m({ wildcard: "W*-8" })).toBe(false);
    expect(m({ "anything-but": { wildcard: "W*" } })).toBe(false);
    expect(m({ "anything-but": { wildcard: ["X*", "Y*"] } })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: "a\\*b\\\\" }] }, { a: "a*b\\" })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: "a\\*b" }] }, { a: "axb" })).toBe(false);
  });

  it("matches IPv6 CIDR blocks and an IP however the event writes it", () => {
    expect(matchesEventPattern({ detail: { site: { ip: [{ cidr: "2001:db8::/32" }] } } }, order)).toBe(true);
    expect(matchesEventPattern({ detail: { site: { ip: [{ cidr: "2001:db9::/32" }] } } }, order)).toBe(false);
    expect(matchesEventPattern({ detail: { site: { ip: ["2001:0db8:0:0:0:0:0:0017"] } } }, order)).toBe(true);
    expect(matchesEventPattern({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "not an ip" })).toBe(false);
  });

  it("ANDs $or with its siblings, also when nested", () => {
    const pattern = {
      source: ["medloop.work-order"],
      detail: { $or: [{ priority: [{ numeric: [">=", 5] }] }, { state: ["Submitted"], urgent: [null] }] },
    };
    expect(matchesEventPattern(pattern, order)).toBe(true);
    expect(matchesEventPattern({ ...pattern, source: ["medloop.other"] }, order)).toBe(false);
    expect(matchesEventPattern(pattern, { ...order, detail: { ...order.detail, urgent: true } })).toBe(false);
  });

  it("refuses an event that is not an object", () => {
    expect(() => matchesEventPattern({ a: ["b"] }, ["b"])).toThrow(/event must be a JSON object/);
  });
});

describe("validateEventPattern", () => {
  it.each([
    ["not an object", "detail", /must be a JSON object/],
    ["empty pattern", {}, /empty objects/],
    ["scalar leaf", { source: "aws.ec2" }, /"source": must be an object or an array/],
    ["empty list", { source: [] }, /empty arrays/],
    ["nested list", { source: [["a"]] }, /match values must be/],
    ["two keys in a match expression", { a: [{ prefix: "x", suffix: "y" }] }, /exactly one key/],
    ["unknown match type", { a: [{ regex: "x" }] }, /unrecognised match type "regex"/],
    ["prefix of a number", { a: [{ prefix: 1 }] }, /prefix must be a string/],
    ["prefix with another option", { a: [{ prefix: { "ignore-case": "x" } }] }, /equals-ignore-case/],
    ["numeric without operator", { a: [{ numeric: [5] }] }, /unrecognised operator/],
    ["numeric upside down", { a: [{ numeric: [">", 5, "<", 1] }] }, /lower bound must be less/],
    ["numeric wrong order", { a: [{ numeric: ["<", 5, ">", 1] }] }, /cannot be followed/],
    ["numeric string bound", { a: [{ numeric: [">", "5"] }] }, /must be a number/],
    ["anything-but mixed list", { a: [{ "anything-but": ["a", 1] }] }, /only strings or only numbers/],
    ["anything-but null", { a: [{ "anything-but": null }] }, /anything-but takes/],
    ["anything-but empty prefix", { a: [{ "anything-but": { prefix: "" } }] }, /must not be empty/],
    ["anything-but numeric", { a: [{ "anything-but": { numeric: [">", 1] } }] }, /unsupported anything-but/],
    ["anything-but inherited name", { a: [{ "anything-but": { toString: "x" } }] }, /unsupported anything-but/],
    ["numeric inherited name", { a: [{ numeric: ["constructor", 1] }] }, /unrecognised operator/],
    ["exists of a string", { a: [{ exists: "yes" }] }, /true or false/],
    ["cidr without mask", { a: [{ cidr: "10.0.0.0" }] }, /exactly one "\/"/],
    ["cidr mask too long", { a: [{ cidr: "10.0.0.0/33" }] }, /0 to 32/],
    ["cidr of a host name", { a: [{ cidr: "example.com/8" }] }, /IPv4 or IPv6/],
    ["wildcard double star", { a: [{ wildcard: "a**" }] }, /consecutive \*/],
    ["wildcard bad escape", { a: [{ wildcard: "a\\b" }] }, /invalid escape/],
    ["$or with one branch", { $or: [{ a: ["b"] }] }, /at least 2/],
    ["$or of a non-object", { $or: [{ a: ["b"] }, "c"] }, /only contain objects/],
    ["reserved name inside $or", { $or: [{ prefix: ["b"] }, { c: ["d"] }] }, /reserved word/],
    ["same path twice", { a: ["x"], $or: [{ a: ["y"] }, { b: ["z"] }] }, /"a": is constrained more than once/],
  ])("rejects %s", (_, pattern, message) => {
    const result = validateEventPattern(pattern);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(message);
    expect(() => compileEventPattern(pattern)).toThrow(EventPatternError);
    expect(() => matchesEventPattern(pattern, {})).toThrow(message);
  });
});

describe("properties", () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/);
  const scalar = fc.oneof(
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const { event } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, scalar, tie("object"), fc.array(tie("value"), { maxLength: 3 })),
    object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
    event: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 4 }),
  }));

  /**
   * A pattern made of the event's own values: every scalar (or scalar list) as an exact match, and for a list holding
   * objects, the pattern of one of those objects — so all its fields come from one element.
   */
  function patternOf(value: Record<string, unknown>): Record<string, unknown> | undefined {
    const pattern: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const items = Array.isArray(v) ? v.flat(Number.POSITIVE_INFINITY) : [v];
      const scalars = items.filter((x) => x === null || typeof x !== "object");
      const objects = items.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object");
      const nested = objects.map(patternOf).find((p) => p !== undefined);
      if (scalars.length > 0) pattern[k] = scalars;
      else if (nested) pattern[k] = nested;
    }
    return Object.keys(pattern).length > 0 ? pattern : undefined;
  }

  it("a pattern built from an event's own values matches it", () => {
    fc.assert(
      fc.property(event, (e) => {
        const pattern = patternOf(e);
        fc.pre(pattern !== undefined);
        expect(matchesEventPattern(pattern, e)).toBe(true);
      }),
    );
  });

  it("anything-but a value never matches that value, and matches any other", () => {
    const text = fc.string();
    const num = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.oneof(text, num), fc.oneof(text, num), (excluded, other) => {
        expect(matchesEventPattern({ a: [{ "anything-but": excluded }] }, { a: excluded })).toBe(false);
        expect(matchesEventPattern({ a: [{ "anything-but": [excluded] }] }, { a: [excluded] })).toBe(false);
        expect(matchesEventPattern({ a: [{ "anything-but": excluded }] }, { a: other })).toBe(excluded !== other);
      }),
    );
  });

  it("a numeric range agrees with arithmetic", () => {
    const n = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(n, n, n, (a, b, x) => {
        fc.pre(a < b);
        expect(matchesEventPattern({ x: [{ numeric: [">", a, "<=", b] }] }, { x })).toBe(x > a && x <= b);
      }),
    );
  });

  it("prefix, suffix, escaped wildcard and equals-ignore-case find the text they were made from", () => {
    const literal = (s: string) => s.replace(/[\\*]/g, "\\$&");
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (head, middle, tail) => {
        const text = head + middle + tail;
        expect(matchesEventPattern({ a: [{ prefix: head }] }, { a: text })).toBe(true);
        expect(matchesEventPattern({ a: [{ suffix: tail }] }, { a: text })).toBe(true);
        expect(matchesEventPattern({ a: [{ wildcard: `${literal(head)}*${literal(tail)}` }] }, { a: text })).toBe(true);
        expect(matchesEventPattern({ a: [{ wildcard: literal(text) }] }, { a: text })).toBe(true);
        expect(matchesEventPattern({ a: [{ "equals-ignore-case": text }] }, { a: text })).toBe(true);
      }),
    );
  });

  it("a CIDR block holds exactly the addresses that share its prefix", () => {
    const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
    const toInt = (o: number[]) => o.reduce((acc, x) => acc * 256 + x, 0);
    fc.assert(
      fc.property(octets, octets, fc.integer({ min: 0, max: 32 }), (net, ip, bits) => {
        const size = 2 ** (32 - bits);
        const inBlock = Math.floor(toInt(net) / size) === Math.floor(toInt(ip) / size);
        const pattern = { ip: [{ cidr: `${net.join(".")}/${bits}` }] };
        expect(matchesEventPattern(pattern, { ip: ip.join(".") })).toBe(inBlock);
      }),
    );
  });
});
