import { rmSync } from "node:fs";
import { type AgentOptions, get, globalAgent } from "node:http";
import type { BusRule } from "@medloop/infra/local/bus";
import { type PlatformOptions, startPlatform } from "@medloop/infra/local/platform";
import { inject } from "vitest";
import { newDatabase, removeDatabase, type SeededState, seededCopy } from "./seeded-state.ts";

/**
 * The one way tests start MedLoop: the real platform on free ports (call `stop()` in afterAll),
 * on a private copy of the run's seeded state — the base demo data, or `seed: "demo"` for suites
 * that read the seeded shipments and production (test/seeded-state.ts: seeded once per run) — in
 * a database of its own on the run's DynamoDB Local (test/global-setup.ts).
 */
type TestPlatformOptions = Omit<PlatformOptions, "dynamoEndpoint" | "dataDir">;

export async function startTestPlatform({ seed = "base", ...opts }: TestPlatformOptions = {}) {
  const state = seed === false ? undefined : await seededCopy(seed);
  // Entities take the table name on first use: the copy's table is this file's table from here on.
  if (state) process.env.MEDLOOP_TABLE = state.tableName;
  return platformOn(state, state?.database ?? newDatabase(), opts);
}

/**
 * Stops the platform the way `npm start`'s Ctrl-C does, keeping its data, and starts a new one on
 * that data: what a restart is (fault tests). The old platform's ports are free afterwards.
 */
export async function restartTestPlatform(p: TestPlatform): Promise<TestPlatform> {
  await p.stopKeepingData();
  return platformOn(p.state, p.database, p.options);
}

async function platformOn(state: SeededState | undefined, database: string, opts: TestPlatformOptions) {
  const removeData = () => {
    removeDatabase(database);
    if (state) rmSync(state.dataDir, { recursive: true, force: true });
  };
  // The platform's DynamoDB clients (handlers, stream poller) are made at its start from this.
  process.env.DYNAMODB_LOCAL_DATABASE = database;
  const started = await startPlatform({
    dataDir: state?.dataDir,
    dynamoEndpoint: inject("dynamoEndpoint"),
    seed: false,
    // MEDLOOP_TEST_LOG=1 prints the platform's own log lines (stream, bus, broker) while debugging.
    log: process.env.MEDLOOP_TEST_LOG ? (line) => console.error(JSON.stringify(line)) : undefined,
    ...opts,
  }).catch((e) => {
    removeData();
    throw e;
  });
  const platform = {
    ...started,
    demo: { ...started.demo, seeded: state?.seeded ?? [] },
    state,
    database,
    options: opts,
    stopKeepingData: started.stop,
    async stop() {
      await started.stop();
      removeData();
    },
  };
  const api = platform.urls.api;

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(init.body !== undefined && { "content-type": "application/json" }),
        ...(init.token && { authorization: `Bearer ${init.token}` }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
    return { status: res.status, body: json as any, headers: res.headers };
  }

  async function login(tenant: string, email: string, password = platform.demo.password) {
    const res = await call("POST", "/v1/auth/login", { body: { tenant, email, password } });
    if (res.status !== 200)
      throw new Error(`login ${tenant}/${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }

  return { ...platform, call, login };
}

/** The idle time, in ms, a server announces for a kept-alive connection (`Keep-Alive: timeout=N`). */
export function announcedIdleMs(url: string): Promise<number> {
  return new Promise((resolve, reject) =>
    get(url, (res) => {
      res.resume();
      resolve(Number(/timeout=(\d+)/.exec(String(res.headers["keep-alive"] ?? ""))?.[1]) * 1000);
    }).on("error", reject),
  );
}

/** How long Node's own HTTP client keeps an idle connection before it closes it. */
export const clientIdleMs = (globalAgent as typeof globalAgent & { options: AgentOptions }).options.timeout ?? 0;

/**
 * A bus rule that collects what the bus delivers for `pattern` into `into` (a suite reads them
 * after the fact): pass it in `extraRules`. A restart keeps it, as it keeps every option.
 */
export const busTap = (pattern: BusRule["pattern"], into: unknown[]): BusRule => ({
  name: "test-tap",
  pattern,
  target: async (event) => void into.push(event),
});

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;
