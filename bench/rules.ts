import { performance } from "node:perf_hooks";
import { EarlyWarning } from "@medloop/shared";
import { alertLatency } from "./alert-latency.ts";
import { median, table } from "./stats.ts";

/**
 * `npm run bench -- rules` (issue 15, EW-1): 1,000 active early-warning rules across 100 tenants
 * (ten each: three SPC, a measurement and a stock threshold, a supplier reject rate, stock below
 * safety, a certificate expiry, device silence and gateway alerts) over a synthetic stream of
 * observations, in process on one core. Beside it, the ceiling: a loop that only decodes each
 * envelope (zod) and routes it (tenant + observation → rules → subject), the work every evaluation
 * needs before it starts. Then one scheduled sweep over every expiry and silence state.
 * Sizes: BENCH_TENANTS (100), BENCH_EVENTS (200000), BENCH_RUNS (5, the median is printed). Then the
 * latency from an inspection posted to its alert readable on the local platform (alert-latency.ts;
 * BENCH_SKIP_LATENCY=1 leaves it out).
 */
type Rule = EarlyWarning.Rule;
type Observation = EarlyWarning.Observation;

const env = (name: string, fallback: number) => Number(process.env[`BENCH_${name}`] ?? fallback);
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const CHARACTERISTICS = 4;
const ITEMS = 20;
const SUPPLIERS = 10;
const DEVICES = 50;
const CERTIFICATES = 20;

/** A small seeded generator (mulberry32): the same stream on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function rulesOf(tenant: number): Rule[] {
  const common = { grade: "warning", owner: { type: "role", role: "quality-engineer" }, enabled: true, version: 1 };
  const id = (i: number) => `00000000-0000-4000-8000-${String(tenant * 100 + i).padStart(12, "0")}`;
  const spc = (i: number) => ({
    subject: "process-parameter",
    condition: { kind: "spc", characteristic: `c${i}`, limits: { from: "given", mean: 10, sigma: 1 } },
  });
  const defs = [
    spc(0),
    spc(1),
    spc(2),
    {
      subject: "process-parameter",
      condition: { kind: "threshold", field: "measurement.value", match: "c3", comparison: "gt", value: 13 },
    },
    {
      subject: "stock-item",
      condition: { kind: "threshold", field: "stock-level.quantity", comparison: "lt", value: 5 },
    },
    { subject: "supplier", condition: { kind: "ratio", measure: "supplier-reject-rate", receipts: 20, max: 0.1 } },
    { subject: "stock-item", condition: { kind: "stock-below-safety" } },
    {
      subject: "certificate",
      condition: { kind: "expiry", of: "certificate", horizonDays: 30, schedule: "cron(0 6 * * ? *)" },
    },
    { subject: "device", condition: { kind: "silence", minutes: 15, schedule: "rate(5 minutes)" } },
    { subject: "device", condition: { kind: "telemetry-alert", minSeverity: "warning" } },
  ];
  return defs.map((d, i) => EarlyWarning.Rule.parse({ ...common, ...d, ruleId: id(i), name: `rule ${i}` }));
}

/** The stream, as the bus would deliver it: half measurements, a fifth heartbeats, the rest mixed. */
function events(tenants: number, count: number): unknown[] {
  const rnd = random(15);
  const pick = (n: number) => Math.floor(rnd() * n);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const tenantId = `tenant-${pick(tenants)}`;
    const base = { eventId: `e-${i}`, at: new Date(T0 + i * 50).toISOString() };
    const r = rnd();
    let observation: Observation;
    if (r < 0.5) {
      // Normal noise around the centre, with an occasional excursion for the rules to find.
      const noise = (rnd() + rnd() + rnd() - 1.5) * 2;
      const value = 10 + noise + (rnd() < 0.01 ? 4 : 0);
      observation = {
        ...base,
        type: "measurement",
        characteristic: `c${pick(CHARACTERISTICS)}`,
        value,
        unit: "N",
        lot: `L-${pick(100)}`,
      };
    } else if (r < 0.6) {
      observation = {
        ...base,
        type: "inspection",
        supplier: `S-${pick(SUPPLIERS)}`,
        receipt: `R-${i}`,
        passed: rnd() > 0.08,
      };
    } else if (r < 0.7) {
      observation = { ...base, type: "stock-level", item: `I-${pick(ITEMS)}`, quantity: pick(60), safetyLevel: 10 };
    } else if (r < 0.75) {
      const expiresOn = new Date(T0 + pick(365) * 86_400_000).toISOString().slice(0, 10);
      observation = { ...base, type: "expiry", what: "certificate", subjectId: `C-${pick(CERTIFICATES)}`, expiresOn };
    } else if (r < 0.95) {
      observation = { ...base, type: "heartbeat", device: `D-${pick(DEVICES)}` };
    } else {
      observation = {
        ...base,
        type: "telemetry-alert",
        device: `D-${pick(DEVICES)}`,
        alertId: `A-${pick(500)}`,
        status: rnd() < 0.5 ? "raised" : "cleared",
        rule: "occlusion",
        ruleKind: "device-alarm",
        severity: "critical",
      };
    }
    out.push({ tenantId, observation });
  }
  return out;
}

interface Pass {
  ms: number;
  evaluations: number;
  fired: number;
}

/** Decode and route only: what every event costs before a rule is evaluated. */
function decodeAndRoute(stream: unknown[], indexes: Map<string, EarlyWarning.RuleIndex>): Pass {
  const t = performance.now();
  let evaluations = 0;
  for (const raw of stream) {
    const { tenantId, observation } = EarlyWarning.ObservationEnvelope.parse(raw);
    const rules = indexes.get(tenantId)?.rulesFor(observation) ?? [];
    for (const rule of rules) {
      const subject = EarlyWarning.subjectOf(rule, observation);
      // The state key is built as the evaluating loop builds it, so the ceiling pays for it too.
      if (subject !== undefined && `${tenantId}|${rule.ruleId}|${subject}`) evaluations++;
    }
  }
  return { ms: performance.now() - t, evaluations, fired: 0 };
}

/** Decode, route and evaluate, keeping each (tenant, rule, subject) state in a map as the store would. */
function evaluateAll(
  stream: unknown[],
  indexes: Map<string, EarlyWarning.RuleIndex>,
  states: Map<string, EarlyWarning.RuleState>,
): Pass {
  const t = performance.now();
  let evaluations = 0;
  let fired = 0;
  for (const raw of stream) {
    const { tenantId, observation } = EarlyWarning.ObservationEnvelope.parse(raw);
    const rules = indexes.get(tenantId)?.rulesFor(observation) ?? [];
    if (rules.length === 0) continue;
    const now = new Date(Date.parse(observation.at));
    for (const rule of rules) {
      const subject = EarlyWarning.subjectOf(rule, observation);
      if (subject === undefined) continue;
      const key = `${tenantId}|${rule.ruleId}|${subject}`;
      const out = EarlyWarning.evaluate(rule, states.get(key), observation, now);
      states.set(key, out.state);
      evaluations++;
      if (out.fired) fired++;
    }
  }
  return { ms: performance.now() - t, evaluations, fired };
}

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString("en");

export async function run() {
  const tenants = env("TENANTS", 100);
  const count = env("EVENTS", 200_000);
  const runs = env("RUNS", 5);
  const rulesByTenant = new Map(Array.from({ length: tenants }, (_, t) => [`tenant-${t}`, rulesOf(t)]));
  const indexes = new Map([...rulesByTenant].map(([t, rules]) => [t, EarlyWarning.indexRules(rules)]));
  const ruleById = new Map([...rulesByTenant.values()].flat().map((r) => [r.ruleId, r]));
  const stream = events(tenants, count);
  const warm = stream.slice(0, Math.min(20_000, count));
  decodeAndRoute(warm, indexes);
  evaluateAll(warm, indexes, new Map());

  const ceiling: Pass[] = [];
  const full: Pass[] = [];
  let states = new Map<string, EarlyWarning.RuleState>();
  for (let i = 0; i < runs; i++) {
    ceiling.push(decodeAndRoute(stream, indexes));
    states = new Map();
    full.push(evaluateAll(stream, indexes, states));
  }
  const medianOf = (passes: Pass[]) => passes.find((p) => p.ms === median(passes.map((q) => q.ms)))!;
  const c = medianOf(ceiling);
  const f = medianOf(full);

  // One scheduled sweep: every expiry and silence state checked at a time when many are due.
  const sweepAt = new Date(T0 + count * 50 + 30 * 60_000);
  const scheduled = [...states].filter(([key]) => {
    const rule = ruleById.get(key.split("|")[1]!)!;
    return EarlyWarning.SCHEDULED.has(rule.condition.kind);
  });
  const st = performance.now();
  let tickFired = 0;
  for (const [key, state] of scheduled) {
    const [, ruleId, subject] = key.split("|");
    if (EarlyWarning.tick(ruleById.get(ruleId!)!, state, subject!, sweepAt).fired) tickFired++;
  }
  const sweepMs = performance.now() - st;
  const stateBytes = [...states.values()].reduce((n, s) => n + JSON.stringify(s).length, 0);

  console.log(
    `\n${tenants} tenants, ${ruleById.size} rules, ${count.toLocaleString("en")} events, ` +
      `${states.size.toLocaleString("en")} (tenant, rule, subject) states of ${(stateBytes / states.size).toFixed(0)} B ` +
      `average as JSON; one core, median of ${runs} runs\n`,
  );
  console.log(
    table([
      {
        loop: "decode + route (ceiling)",
        "events/s": perSecond(count, c.ms),
        "evaluations/s": "-",
        evaluations: c.evaluations.toLocaleString("en"),
        fired: "-",
        ms: c.ms.toFixed(0),
      },
      {
        loop: "decode + route + evaluate",
        "events/s": perSecond(count, f.ms),
        "evaluations/s": perSecond(f.evaluations, f.ms),
        evaluations: f.evaluations.toLocaleString("en"),
        fired: f.fired.toLocaleString("en"),
        ms: f.ms.toFixed(0),
      },
    ]),
  );
  console.log(
    `\nScheduled sweep: ${scheduled.length.toLocaleString("en")} expiry and silence states in ${sweepMs.toFixed(1)} ms ` +
      `(${perSecond(scheduled.length, sweepMs)} states/s), ${tickFired} fired.`,
  );
  console.log(`Target: >= 50,000 events/s evaluated — ${Number(count / f.ms) * 1000 >= 50_000 ? "met" : "NOT met"}.`);
  if (!process.env.BENCH_SKIP_LATENCY) await alertLatency();
}
