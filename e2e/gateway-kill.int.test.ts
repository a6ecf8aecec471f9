import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { waitFor } from "@medloop/infra/local/ports";
import type { ProcessOptions, Progress } from "@medloop/iot/gateway-test/fixtures/gateway-process";
import { expectedAggregates, T0, tempDirs } from "@medloop/iot/gateway-test/helpers";
import { createFleet } from "@medloop/iot/simulator/fleet";
import { patternFor, Telemetry } from "@medloop/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { busTap, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Acceptance of issue 13: a gateway PROCESS killed with SIGKILL mid-stream and mid-drain, and
 * started again on the same work directory, loses no sequence number and duplicates no effect in
 * the cloud. The in-process restart tests (telemetry.int.test.ts) stop the gateway gracefully or
 * cut its files; only a real process kill takes away unflushed memory, in-flight publishes and an
 * acknowledged position not yet written, all at an arbitrary instant.
 */

const TENANT = "city-hospital";
const WINDOW_MS = 60_000;
const FIXTURE = fileURLToPath(
  new URL("../iot/components/com.medloop.gateway/test/fixtures/gateway-process.ts", import.meta.url),
);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FLEET = { seed: 11, counts: { "infusion-pump": 2, "patient-monitor": 2, autoclave: 1 } } as const;
/** Telemetry events as the bus delivers them: each accepted message's must leave exactly once. */
const onBus: { "detail-type": string; detail: { data: { thingName: string; seq: number } } }[] = [];
let p: TestPlatform;
let token: string;
const dirs = tempDirs();
const children = new Set<ChildProcess>();

beforeAll(async () => {
  p = await startTestPlatform({
    extraRules: [busTap(patternFor(...Object.values(Telemetry.Events)), onBus)],
  });
  token = await p.login(TENANT, `biomed-engineer@${TENANT}.test`);
});
// A failed test must not leave a gateway process behind, nor the broker stopped for the next one.
afterEach(async () => {
  await Promise.all([...children].map(kill));
  await p?.mqtt.start();
});
afterAll(async () => {
  await Promise.all([...children].map(kill));
  await p?.stop();
  dirs.cleanup();
});

const ok = <T>(res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * SIGKILL, and resolves once the process is gone and its output read to the end, so that the last
 * report is the last it made.
 */
function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.stdout?.closed && (child.exitCode !== null || child.signalCode !== null)) {
      children.delete(child);
      return resolve();
    }
    child.once("close", () => {
      children.delete(child);
      resolve();
    });
    child.kill("SIGKILL");
  });
}

/** One gateway process on the platform's broker; `lines` is what it reported so far. */
function spawnGateway(opts: ProcessOptions) {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, JSON.stringify(opts)], {
    cwd: ROOT,
    // stdin stays open and unused: the process exits when it closes (gateway-process.ts).
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  const lines: Progress[] = [];
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (l) =>
    lines.push(JSON.parse(l) as Progress),
  );
  /** The first report that satisfies `check`, waiting for it (and failing early if the process died). */
  const until = (check: (l: Progress) => boolean, what: string, timeoutMs = 60_000) =>
    waitFor(
      () => {
        const hit = lines.find(check);
        if (hit) return hit;
        if (child.exitCode !== null) throw new Error(`gateway process exited ${child.exitCode}: ${stderr}`);
        return undefined;
      },
      { what, timeoutMs, intervalMs: 10 },
    );
  return { child, lines, until, last: () => lines.at(-1) as Progress };
}

/** Registers a gateway with the fleet's devices over the API and gives the process options for it. */
async function gatewayOptions(gatewayId: string, endTs: number): Promise<ProcessOptions> {
  const prefix = `${gatewayId}-`;
  const { devices } = createFleet({ ...FLEET, startTs: T0, prefix });
  const gw = ok(
    await p.call("POST", "/v1/gateways", { token, body: { gatewayId, name: `Ward ${gatewayId}`, devices } }),
    201,
  );
  const creds = ok(await p.call("POST", `/v1/gateways/${gw.thingName}/credentials`, { token }), 201);
  return {
    mqttUrl: p.urls.mqtt,
    tenantId: TENANT,
    thingName: gw.thingName,
    username: creds.username,
    password: creds.password,
    dir: dirs.make(),
    ...FLEET,
    prefix,
    startTs: T0,
    endTs,
    now: T0,
    // 5 simulated seconds every 10 ms: a minute's window about every 120 ms of real time, ~1.5
    // messages each, while the uplink takes up to 40 a second, so a backlog drains in about a second.
    stepMs: 5_000,
    stepEveryMs: 10,
    uplinkGapMs: 25,
    // Acknowledgements a second late keep a dozen messages in flight at any moment: wherever a kill
    // lands, even on a loaded machine that reacts late to a progress line, some are in the cloud and
    // not yet known to the gateway.
    uplinkAckDelayMs: 1_000,
  };
}

/**
 * Once the last process delivered everything: the ledger holds every sequence number it handed out
 * (the sequence continues across the processes), no gap, nothing declared lost; every window of the
 * fleet's readings is stored once with its full sample counts; and each aggregate message's event
 * left once.
 */
async function expectExactlyOnce(opts: ProcessOptions, last: ReturnType<typeof spawnGateway>) {
  const done = await last.until((l) => l.event === "done" && l.pending === 0, "the backlog delivered", 30_000);
  const detail = await waitFor(
    async () => {
      const d = ok(await p.call("GET", `/v1/gateways/${opts.thingName}`, { token }));
      return d.ledger.contiguousTo === done.lastSeq ? d : undefined;
    },
    { what: "every sequence number in the ledger", timeoutMs: 30_000, intervalMs: 100 },
  );
  // And none needed the cloud to ask for a replay: the new process resent on its own, in order.
  expect(detail.ledger).toMatchObject({ pendingAbove: 0, lost: [], replayRequests: 0 });
  expect(detail.ledger.gap).toBeUndefined();
  // Every number accepted once: whatever arrived more than once was counted as a duplicate.
  expect(detail.ledger.received - detail.ledger.duplicates).toBe(done.lastSeq);

  const fleet = createFleet({ ...FLEET, startTs: T0, prefix: opts.prefix });
  const expected = expectedAggregates(fleet.advance(opts.endTs), fleet.devices, WINDOW_MS, TENANT);
  const stored: Record<string, unknown> = {};
  for (const d of fleet.devices) {
    const { items } = ok(await p.call("GET", `/v1/devices/${d.id}/windows?from=${T0}&to=${opts.endTs}`, { token }));
    for (const w of items) {
      for (const [signal, a] of Object.entries(w.signals)) {
        const key = `${w.start}|${d.id}|${w.subject ?? ""}|${signal}`;
        if (stored[key]) throw new Error(`window ${key} stored twice`);
        stored[key] = a;
      }
    }
  }
  expect(stored).toEqual(expected);

  await p.settled();
  const windowSeqs = onBus
    .filter((e) => e["detail-type"] === "Telemetry.WindowAggregated.v1" && e.detail.data.thingName === opts.thingName)
    .map((e) => e.detail.data.seq);
  expect(new Set(windowSeqs).size).toBe(windowSeqs.length);
  // Five devices fit one message: one aggregate message per window.
  expect(windowSeqs).toHaveLength((opts.endTs - T0) / WINDOW_MS);
  return detail;
}

describe("a gateway process killed with SIGKILL", () => {
  it("mid-stream: the next process continues the sequence; nothing lost, nothing counted twice", async () => {
    const opts = await gatewayOptions("ward-k1", T0 + 20 * WINDOW_MS);
    const first = spawnGateway(opts);
    const sending = await first.until((l) => l.acked >= 6 && l.pending > 0, "some windows sent, some in flight");
    expect(sending.t).toBeLessThan(opts.endTs);
    await kill(first.child);
    const killedAt = first.last();

    const second = spawnGateway({ ...opts, now: killedAt.t });
    const started = await second.until((l) => l.event === "started", "restarted");
    // Its own start record comes after every number the killed process reported.
    expect(started.lastSeq).toBeGreaterThan(killedAt.lastSeq);
    expect(started.resumeAt).toBeLessThan(opts.endTs);
    // The new process inherited what the killed one had not seen acknowledged (and its own start).
    expect(started.pending).toBeGreaterThan(1);
    await expectExactlyOnce(opts, second);
  });

  it("mid-drain: the next process replays the rest of the backlog; nothing lost, nothing counted twice", async () => {
    const opts = await gatewayOptions("ward-k2", T0 + 36 * WINDOW_MS);
    const first = spawnGateway(opts);
    const online = await first.until((l) => l.connected && l.acked >= 4, "connected and sending");

    await p.mqtt.stop();
    const backlog = await first.until((l) => !l.connected && l.pending >= 30, "a backlog buffered during the outage");
    await p.mqtt.start();
    // Killed once the replay has begun and while most of it is still to go.
    await first.until((l) => l.connected && l.acked > backlog.acked && l.pending >= 15, "the drain under way");
    await kill(first.child);
    const killedAt = first.last();
    expect(killedAt.acked).toBeGreaterThan(online.acked);

    const second = spawnGateway({ ...opts, now: killedAt.t });
    const started = await second.until((l) => l.event === "started", "restarted");
    // The kill left part of the backlog unacknowledged: the new process has it to send.
    expect(started.pending).toBeGreaterThan(5);
    const detail = await expectExactlyOnce(opts, second);
    // Part of what was in flight had reached the cloud: sent again, and absorbed there.
    expect(detail.ledger.duplicates).toBeGreaterThan(0);
  });
});
