import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BusEvent } from "@medloop/shared/events/define";
import { afterEach, describe, expect, it } from "vitest";
import { type BusRule, createLocalBus, type LocalBus } from "./bus.ts";
import { waitFor } from "./ports.ts";

const submitted = {
  source: "medloop.work-order",
  detailType: "WorkOrder.Submitted.v1",
  detail: { tenantId: "t1", data: { priority: 3 } },
};

/** A rule whose target records what it received and fails as often as told. */
function recordingRule(name: string, pattern: Record<string, unknown>, failures = 0) {
  const received: BusEvent[] = [];
  let calls = 0;
  const rule: BusRule = {
    name,
    pattern,
    target: async (event) => {
      calls++;
      if (calls <= failures) throw new Error(`${name} is down (call ${calls})`);
      received.push(event);
    },
  };
  return {
    rule,
    received,
    calls: () => calls,
    heal: () => {
      failures = 0;
    },
  };
}

const buses: LocalBus[] = [];
const dirs: string[] = [];
function bus(...args: Parameters<typeof createLocalBus>) {
  const b = createLocalBus(...args);
  buses.push(b);
  return b;
}
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "medloop-bus-"));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("local event bus", () => {
  it("delivers an EventBridge envelope to the matching rules only", async () => {
    const orders = recordingRule("orders", { source: ["medloop.work-order"] });
    const urgent = recordingRule("urgent", { detail: { data: { priority: [{ numeric: [">=", 5] }] } } });
    const tenants = recordingRule("tenants", { source: ["medloop.tenant"] });
    const b = bus({ rules: [orders.rule, urgent.rule, tenants.rule] });

    const { eventIds } = await b.putEvents([{ ...submitted, time: "2030-01-02T03:04:05.678Z" }]);
    await b.drain();

    expect(orders.received).toEqual([
      {
        version: "0",
        id: eventIds[0],
        "detail-type": "WorkOrder.Submitted.v1",
        source: "medloop.work-order",
        account: "000000000000",
        time: "2030-01-02T03:04:05Z",
        region: "local",
        resources: [],
        detail: submitted.detail,
      },
    ]);
    expect(urgent.calls()).toBe(0);
    expect(tenants.calls()).toBe(0);
  });

  it("accepts the event before any target runs", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const b = bus({
      rules: [
        {
          name: "slow",
          pattern: { source: ["medloop.work-order"] },
          target: async (event) => {
            await gate;
            seen.push(event.id);
          },
        },
      ],
    });

    const { eventIds } = await b.putEvents([submitted]);

    expect(seen).toEqual([]);
    release();
    await b.drain();
    expect(seen).toEqual(eventIds);
  });

  it("retries a target that fails once and delivers the event once", async () => {
    const flaky = recordingRule("flaky", { source: ["medloop.work-order"] }, 1);
    const lines: Record<string, unknown>[] = [];
    const b = bus({ rules: [flaky.rule], backoffMs: 1, log: (line) => lines.push(line) });

    const { eventIds } = await b.putEvents([submitted]);
    await b.drain();

    expect(flaky.calls()).toBe(2);
    expect(flaky.received.map((e) => e.id)).toEqual(eventIds);
    expect(b.deadLetters()).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ rule: "flaky", attempt: 1, error: "flaky is down (call 1)" }),
    );
  });

  it("dead-letters an event whose target keeps failing, then redrives it once the target is fixed", async () => {
    const broken = recordingRule("broken", { source: ["medloop.work-order"] }, Number.POSITIVE_INFINITY);
    const fine = recordingRule("fine", { source: ["medloop.work-order"] });
    const b = bus({ rules: [broken.rule, fine.rule], maxAttempts: 4, backoffMs: 1 });

    const { eventIds } = await b.putEvents([submitted]);
    await b.drain();

    expect(broken.calls()).toBe(4);
    expect(fine.received).toHaveLength(1);
    const [letter, ...others] = b.deadLetters();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ rule: "broken", attempts: 4, error: "broken is down (call 4)" });
    expect(letter?.event.id).toBe(eventIds[0]);

    broken.heal();
    const result = await b.redrive();

    expect(result).toEqual({ redriven: 1, failed: 0 });
    expect(broken.received.map((e) => e.id)).toEqual(eventIds);
    expect(fine.received).toHaveLength(1);
    expect(b.deadLetters()).toEqual([]);
  });

  it("keeps a dead letter whose redrive fails again, counting every attempt", async () => {
    const broken = recordingRule("broken", { source: ["medloop.work-order"] }, Number.POSITIVE_INFINITY);
    const b = bus({ rules: [broken.rule], maxAttempts: 2, backoffMs: 1 });
    await b.putEvents([submitted]);
    await b.drain();
    const [letter] = b.deadLetters();

    const result = await b.redrive(letter?.id);

    expect(result).toEqual({ redriven: 0, failed: 1 });
    expect(b.deadLetters()).toEqual([
      expect.objectContaining({ id: letter?.id, attempts: 4, error: "broken is down (call 4)" }),
    ]);
    await expect(b.redrive("no-such-letter")).rejects.toThrow(/no dead letter with id "no-such-letter"/);
  });

  it("persists dead letters to a file that a new bus instance reads and redrives", async () => {
    const file = join(tempDir(), "dlq", "bus-dead-letters.json");
    const broken = recordingRule("reports", { "detail-type": ["WorkOrder.Submitted.v1"] }, Number.POSITIVE_INFINITY);
    const first = bus({ rules: [broken.rule], deadLetterFile: file, backoffMs: 1 });
    const { eventIds } = await first.putEvents([submitted]);
    await first.drain();
    await first.close();

    const fixed = recordingRule("reports", { "detail-type": ["WorkOrder.Submitted.v1"] });
    const second = bus({ rules: [fixed.rule], deadLetterFile: file, backoffMs: 1 });

    expect(second.deadLetters()).toEqual([
      expect.objectContaining({ rule: "reports", attempts: 3, event: expect.objectContaining({ id: eventIds[0] }) }),
    ]);
    expect(await second.redrive()).toEqual({ redriven: 1, failed: 0 });
    expect(fixed.received.map((e) => e.id)).toEqual(eventIds);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("on close, dead-letters a retry still waiting out its backoff instead of losing it", async () => {
    const broken = recordingRule("broken", { source: ["medloop.work-order"] }, Number.POSITIVE_INFINITY);
    const file = join(tempDir(), "dead-letters.json");
    const b = bus({ rules: [broken.rule], deadLetterFile: file, backoffMs: 60_000 });
    await b.putEvents([submitted]);
    await waitFor(() => broken.calls() === 1, { what: "the first delivery attempt" });

    await b.close();

    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([
      expect.objectContaining({ rule: "broken", attempts: 1, error: "broken is down (call 1)" }),
    ]);
    await expect(b.putEvents([submitted])).rejects.toThrow(/closed/);
  });

  it("rejects a batch with a bad entry and delivers none of it", async () => {
    const all = recordingRule("all", { account: ["000000000000"] });
    const b = bus({ rules: [all.rule] });

    const rejected = (entries: unknown[]) => b.putEvents(entries as never);

    await expect(rejected([submitted, { ...submitted, source: "" }])).rejects.toThrow(/entry 1: source is required/);
    await expect(rejected([{ source: "x", detail: {} }])).rejects.toThrow(/entry 0: detailType is required/);
    await expect(rejected([{ ...submitted, detail: [1, 2] }])).rejects.toThrow(/detail must be a JSON object/);
    await expect(rejected([{ ...submitted, detail: "{not json" }])).rejects.toThrow(/detail is not JSON/);
    await expect(rejected([{ ...submitted, detail: undefined }])).rejects.toThrow(/detail must be a JSON object/);
    await expect(rejected([{ ...submitted, time: "yesterday" }])).rejects.toThrow(/time "yesterday" is not/);
    await expect(rejected([{ ...submitted, detail: { blob: "x".repeat(300_000) } }])).rejects.toThrow(/at most 262144/);
    await expect(rejected([])).rejects.toThrow(/non-empty array/);
    await b.drain();
    expect(all.calls()).toBe(0);

    await b.putEvents([{ ...submitted, detail: JSON.stringify(submitted.detail) }]);
    await b.drain();
    expect(all.received.map((e) => e.detail)).toEqual([submitted.detail]);
  });

  it("refuses rules with an invalid pattern or a duplicate name when it starts", () => {
    const target = async () => undefined;
    expect(() => createLocalBus({ rules: [{ name: "bad", pattern: { source: "medloop.x" }, target }] })).toThrow(
      /Bus rule "bad" has an invalid event pattern: .*"source": must be an object or an array/,
    );
    const rule = { name: "twice", pattern: { source: ["medloop.x"] }, target };
    expect(() => createLocalBus({ rules: [rule, rule] })).toThrow(/Two bus rules are named "twice"/);
  });
});
