import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { compileEventPattern } from "@medloop/shared/event-pattern/index";
import type { BusEvent } from "@medloop/shared/events/define";

/**
 * The local stand-in for Amazon EventBridge: the same envelope, the same event-pattern semantics, asynchronous
 * delivery with retries and a dead-letter store, so subscribers behave on the laptop as they will in the cloud.
 */
export interface BusRule {
  name: string;
  pattern: Record<string, unknown>;
  target: (event: BusEvent) => Promise<void>;
}

export interface DeadLetter {
  id: string;
  rule: string;
  event: BusEvent;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface BusEntry {
  source: string;
  detailType: string;
  /** A JSON object, or its JSON text (as the PutEvents API takes it). */
  detail: unknown;
  time?: string;
}

export interface LocalBusOptions {
  rules: BusRule[];
  /** Where dead letters are kept so they survive a restart; in memory when absent. */
  deadLetterFile?: string;
  maxAttempts?: number;
  /** The first retry waits this long, each later one twice as long as the one before. */
  backoffMs?: number;
  log?: (line: Record<string, unknown>) => void;
}

export interface LocalBus {
  putEvents(entries: BusEntry[]): Promise<{ eventIds: string[] }>;
  /** Resolves once every delivery in flight, retries included, has succeeded or been dead-lettered. */
  drain(): Promise<void>;
  deadLetters(): DeadLetter[];
  /** Delivers dead letters (all, or the one with `id`) again to their rule's target only. */
  redrive(id?: string): Promise<{ redriven: number; failed: number }>;
  /** Stops taking events; retries still waiting are dead-lettered at once so nothing is lost on shutdown. */
  close(): Promise<void>;
}

/** PutEvents refuses an entry larger than this (time, source, detail-type and detail, in UTF-8 bytes). */
const MAX_ENTRY_BYTES = 256 * 1024;

type Outcome = { ok: true } | { ok: false; error: string; attempts: number };

export function createLocalBus(opts: LocalBusOptions): LocalBus {
  const maxAttempts = opts.maxAttempts ?? 3;
  const backoffMs = opts.backoffMs ?? 100;
  const log = opts.log ?? (() => undefined);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts must be a whole number ≥ 1");

  const rules = new Map<string, BusRule & { matches: (event: unknown) => boolean }>();
  for (const rule of opts.rules) {
    if (rules.has(rule.name)) throw new Error(`Two bus rules are named "${rule.name}"; rule names must be unique`);
    let matches: (event: unknown) => boolean;
    try {
      matches = compileEventPattern(rule.pattern);
    } catch (e) {
      throw new Error(`Bus rule "${rule.name}" has an invalid event pattern: ${errorText(e)}`);
    }
    rules.set(rule.name, { ...rule, matches });
  }

  const letters = new Map<string, DeadLetter>(loadDeadLetters(opts.deadLetterFile).map((l) => [l.id, l]));
  const redriving = new Set<string>();
  const inflight = new Set<Promise<unknown>>();
  const wakeSleepers = new Set<() => void>();
  let closed = false;

  function persist() {
    const file = opts.deadLetterFile;
    if (!file) return;
    // Write-then-rename, so a crash mid-write leaves the previous store rather than half a file.
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify([...letters.values()], null, 2)}\n`);
    renameSync(tmp, file);
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  }

  /** Wait out a backoff, unless the bus closes first. */
  function backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakeSleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakeSleepers.add(wake);
    });
  }

  async function deliver(rule: BusRule, event: BusEvent): Promise<Outcome> {
    let error = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        // Each attempt gets its own copy, as each Lambda invocation gets its own parsed payload.
        await rule.target(structuredClone(event));
        return { ok: true };
      } catch (e) {
        error = errorText(e);
      }
      if (attempt === maxAttempts) break;
      const waitMs = backoffMs * 2 ** (attempt - 1);
      log({ msg: "bus delivery failed, will retry", rule: rule.name, eventId: event.id, attempt, waitMs, error });
      await backoff(waitMs);
      if (closed) return { ok: false, error, attempts: attempt };
    }
    return { ok: false, error, attempts: maxAttempts };
  }

  async function deliverOrDeadLetter(rule: BusRule, event: BusEvent): Promise<void> {
    // Like EventBridge, accepting an event and delivering it are separate: the publisher never waits on a target.
    await new Promise((resolve) => setImmediate(resolve));
    const outcome = await deliver(rule, event);
    if (outcome.ok) return;
    const letter: DeadLetter = {
      id: randomUUID(),
      rule: rule.name,
      event,
      error: outcome.error,
      attempts: outcome.attempts,
      failedAt: new Date().toISOString(),
    };
    letters.set(letter.id, letter);
    persist();
    log({ msg: "bus event dead-lettered", rule: rule.name, eventId: event.id, deadLetterId: letter.id, ...outcome });
  }

  async function redriveOne(letter: DeadLetter): Promise<boolean> {
    const rule = rules.get(letter.rule);
    if (!rule) {
      log({ msg: "bus redrive skipped: rule no longer exists", rule: letter.rule, deadLetterId: letter.id });
      return false;
    }
    const outcome = await deliver(rule, letter.event);
    if (outcome.ok) {
      letters.delete(letter.id);
    } else {
      letters.set(letter.id, {
        ...letter,
        error: outcome.error,
        attempts: letter.attempts + outcome.attempts,
        failedAt: new Date().toISOString(),
      });
    }
    persist();
    log({ msg: outcome.ok ? "bus redrive delivered" : "bus redrive failed", rule: rule.name, deadLetterId: letter.id });
    return outcome.ok;
  }

  return {
    async putEvents(entries) {
      if (closed) throw new Error("putEvents: the local event bus is closed");
      const events = toEvents(entries);
      for (const event of events) {
        for (const rule of rules.values()) {
          if (rule.matches(event)) void track(deliverOrDeadLetter(rule, event));
        }
      }
      return { eventIds: events.map((e) => e.id) };
    },

    async drain() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },

    deadLetters() {
      return structuredClone([...letters.values()]);
    },

    async redrive(id) {
      if (closed) throw new Error("redrive: the local event bus is closed");
      if (id !== undefined && !letters.has(id)) throw new Error(`redrive: no dead letter with id "${id}"`);
      const chosen = [...letters.values()].filter((l) => (id === undefined || l.id === id) && !redriving.has(l.id));
      for (const letter of chosen) redriving.add(letter.id);
      try {
        const results = await track(Promise.all(chosen.map(redriveOne)));
        const redriven = results.filter(Boolean).length;
        return { redriven, failed: results.length - redriven };
      } finally {
        for (const letter of chosen) redriving.delete(letter.id);
      }
    },

    async close() {
      closed = true;
      for (const wake of [...wakeSleepers]) wake();
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

/** Validates the whole batch first, so a bad entry puts nothing on the bus. */
function toEvents(entries: BusEntry[]): BusEvent[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new Error("putEvents needs a non-empty array of entries");
  }
  const problems: string[] = [];
  const events: BusEvent[] = [];
  for (const [i, entry] of entries.entries()) {
    const before = problems.length;
    const problem = (message: string) => {
      problems.push(`entry ${i}: ${message}`);
    };
    if (typeof entry !== "object" || entry === null) {
      problem("must be an object");
      continue;
    }
    const { source, detailType, time } = entry;
    if (typeof source !== "string" || source.trim() === "") problem("source is required (a non-empty string)");
    if (typeof detailType !== "string" || detailType.trim() === "") {
      problem("detailType is required (a non-empty string)");
    }
    const detail = toDetail(entry.detail, problem);
    const at = time === undefined ? new Date() : new Date(typeof time === "string" ? time : Number.NaN);
    if (Number.isNaN(at.getTime())) problem(`time ${JSON.stringify(time)} is not an ISO-8601 timestamp`);
    if (problems.length > before || !detail) continue;
    const bytes =
      Buffer.byteLength(source) + Buffer.byteLength(detailType) + Buffer.byteLength(detail.json) + (time ? 14 : 0);
    if (bytes > MAX_ENTRY_BYTES) {
      problem(`is ${bytes} bytes; EventBridge accepts at most ${MAX_ENTRY_BYTES}`);
      continue;
    }
    events.push({
      version: "0",
      id: randomUUID(),
      "detail-type": detailType,
      source,
      account: "000000000000",
      // EventBridge stamps whole seconds.
      time: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
      region: "local",
      resources: [],
      detail: detail.value,
    });
  }
  if (problems.length > 0) throw new Error(`putEvents rejected the batch: ${problems.join("; ")}`);
  return events;
}

/** The detail as it travels: JSON text of an object, parsed back so targets never share the publisher's objects. */
function toDetail(
  detail: unknown,
  problem: (message: string) => void,
): { json: string; value: Record<string, unknown> } | undefined {
  let json: string | undefined;
  let value: unknown;
  try {
    json = typeof detail === "string" ? detail : JSON.stringify(detail);
    value = json === undefined ? undefined : JSON.parse(json);
  } catch (e) {
    problem(`detail is not JSON: ${errorText(e)}`);
    return undefined;
  }
  if (json === undefined || typeof value !== "object" || value === null || Array.isArray(value)) {
    problem("detail must be a JSON object");
    return undefined;
  }
  return { json, value: value as Record<string, unknown> };
}

function loadDeadLetters(file: string | undefined): DeadLetter[] {
  if (!file || !existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`The dead-letter file ${file} is not valid JSON (${errorText(e)}); fix or move it, then restart`);
  }
  const isLetter = (l: unknown): l is DeadLetter => {
    const x = l as Partial<DeadLetter> | null;
    return (
      typeof x === "object" &&
      x !== null &&
      typeof x.id === "string" &&
      typeof x.rule === "string" &&
      typeof x.error === "string" &&
      typeof x.attempts === "number" &&
      typeof x.failedAt === "string" &&
      typeof x.event === "object" &&
      x.event !== null
    );
  };
  if (!Array.isArray(parsed) || !parsed.every(isLetter)) {
    throw new Error(`The dead-letter file ${file} does not hold a list of dead letters; fix or move it, then restart`);
  }
  return parsed;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
