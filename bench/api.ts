import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { capabilities, forRuntime } from "@medloop/functions/declaration/index";
import type { CapabilityDeclaration } from "@medloop/functions/declaration/types";
import { LAMBDA_BUNDLING } from "@medloop/infra/cloud/bundling";
import { startDynamo } from "@medloop/infra/local/dynamo";
import { startPlatform } from "@medloop/infra/local/platform";
import { freePort } from "@medloop/infra/local/ports";
import type autocannon from "autocannon";
import { build } from "esbuild";
import { z } from "zod";
import { setBody } from "./fixtures/users-echo.ts";
import { median, percentiles, table } from "./stats.ts";

/**
 * `npm run bench -- api`: the local gateway against a bare Node HTTP server answering the same
 * JSON, in the same run on loopback; then every declared function's bundle size and cold start.
 * Targets: gateway overhead < 2x the bare server; on DynamoDB Local, GET /v1/users at one connection within
 * 2 ms p50 / 5 ms p99 of the store's own floor (p99 < 25 ms is the cloud figure); bundles < 1 MB; init < 300 ms.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

type Row = Awaited<ReturnType<typeof load>>;

async function load(name: string, opts: autocannon.Options) {
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
    workerData: { connections: CONNECTIONS, duration: DURATION, ...opts },
  });
  const result = await new Promise<{ requests: number; errors: number; latencies: number[] }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  const p = percentiles(result.latencies);
  return {
    name,
    "req/s": Math.round(result.requests),
    "p50 ms": p.p50!.toFixed(1),
    "p95 ms": p.p95!.toFixed(1),
    "p99 ms": p.p99!.toFixed(1),
    errors: result.errors,
  };
}

/**
 * What DynamoDB Local alone takes for the work behind GET /v1/users, called directly (no gateway,
 * no handler): the floor under that route. `withAccess` adds the access record the route writes
 * before it answers (SEC-6, fail closed), and `connections` runs that many callers at once.
 */
async function dynamoFloor(opts: { withAccess: boolean; connections: number }) {
  const { Audit, Users, withActor } = await import("@medloop/shared");
  const times: number[] = [];
  const started = performance.now();
  const caller = async () => {
    while (performance.now() - started < DURATION * 1000) {
      const t = performance.now();
      await withActor({ type: "system", tenantId: "acme-med", name: "bench" }, async () => {
        await Users.list();
        if (opts.withAccess) await Audit.recordAccess({ route: "GET /v1/users", target: "{}", status: 200 });
      });
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, caller));
  const p = percentiles(times);
  return {
    name: `floor, direct: the query${opts.withAccess ? " + access record" : ""}, ${opts.connections} at once`,
    "req/s": Math.round(times.length / DURATION),
    "p50 ms": p.p50!.toFixed(1),
    "p95 ms": p.p95!.toFixed(1),
    "p99 ms": p.p99!.toFixed(1),
    errors: 0,
  };
}

async function http() {
  const dynamo = await startDynamo({ port: await freePort() });
  const echo: CapabilityDeclaration = {
    name: "bench",
    spec: [],
    routes: [
      {
        method: "GET",
        path: "/bench/users-echo",
        handler: "../../bench/fixtures/users-echo",
        resource: "bench",
        operation: "usersEcho",
        summary: "bench",
        roles: ["admin"],
        response: z.unknown(),
      },
    ],
  };
  const platform = await startPlatform({ dynamoEndpoint: dynamo.endpoint, capabilities: [...capabilities, echo] });
  try {
    const api = platform.urls.api;
    const login = { tenant: "acme-med", email: "admin@acme-med.test", password: platform.demo.password };
    const { token } = (await (
      await fetch(`${api}/v1/auth/login`, {
        method: "POST",
        body: JSON.stringify(login),
        headers: { "content-type": "application/json" },
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const usersJson = await (await fetch(`${api}/v1/users`, { headers: auth })).text();
    setBody(usersJson);

    const bare = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(usersJson);
    });
    const barePort = await freePort();
    await new Promise<void>((r) => bare.listen(barePort, "127.0.0.1", () => r()));

    // The two are run alternately, three rounds each, after the seed's audit work has drained: on a
    // shared 2-core machine one pass swings by 2x either way. Each row is its median round.
    await platform.settled();
    const rounds: { bare: Row; gateway: Row }[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push({
        bare: await load("bare node http (same JSON)", { url: `http://127.0.0.1:${barePort}/` }),
        gateway: await load("gateway → echo handler (same JSON)", { url: `${api}/bench/users-echo`, headers: auth }),
      });
    }
    const ratios = rounds.map((r) => r.bare["req/s"] / Math.max(1, r.gateway["req/s"]));
    const medianRound = rounds[ratios.indexOf(median(ratios))]!;
    // Each access record a measurement writes is read back by the audit consumer, which locally runs
    // in this process (in the cloud it is a Lambda of its own): every measurement starts once the
    // previous one's records have drained, and the route and its floor alternate, three rounds.
    const settled = async <T>(measure: () => Promise<T>) => {
      await platform.settled();
      return measure();
    };
    const users10 = await settled(() =>
      load("GET /v1/users (gateway + DynamoDB Local)", { url: `${api}/v1/users`, headers: auth }),
    );
    // The route's own time: the stream consumers wait while it is measured (in AWS they are Lambdas
    // of their own, here they would share the route's event loop and core), then drain what the
    // measurement wrote — every access record is still written by the route and chained after.
    const drains: number[] = [];
    const alone = async <T>(measure: () => Promise<T>) => {
      await platform.settled();
      platform.poller.pause();
      try {
        return await measure();
      } finally {
        platform.poller.resume();
        const t = performance.now();
        await platform.settled();
        drains.push(performance.now() - t);
      }
    };
    const oneConnection: { route: Row; floor: Row }[] = [];
    for (let i = 0; i < 3; i++) {
      oneConnection.push({
        route: await alone(() =>
          load("GET /v1/users, 1 connection", { url: `${api}/v1/users`, headers: auth, connections: 1 }),
        ),
        floor: await alone(() => dynamoFloor({ withAccess: true, connections: 1 })),
      });
    }
    const gaps = oneConnection.map((r) => Number(r.route["p50 ms"]) - Number(r.floor["p50 ms"]));
    const { route: users1, floor: floor1 } = oneConnection[gaps.indexOf(median(gaps))]!;
    const queryFloor = await settled(() => dynamoFloor({ withAccess: false, connections: 1 }));
    const floor10 = await settled(() => dynamoFloor({ withAccess: true, connections: CONNECTIONS }));
    const loginRow = await load("POST /v1/auth/login (scrypt)", {
      url: `${api}/v1/auth/login`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(login),
    });
    const rows: Row[] = [medianRound.bare, medianRound.gateway, users10, users1, queryFloor, floor1, floor10, loginRow];
    bare.close();
    console.log(`\nHTTP on loopback, ${CONNECTIONS} connections, ${DURATION} s each\n`);
    console.log(table(rows));
    const latency = Number(medianRound.gateway["p50 ms"]) / Math.max(0.01, Number(medianRound.bare["p50 ms"]));
    console.log(
      `\ngateway overhead vs bare server (median of 3 alternating rounds): ${median(ratios).toFixed(2)}x throughput ` +
        `(rounds: ${ratios.map((r) => r.toFixed(2)).join(", ")}), ${latency.toFixed(2)}x p50 latency; target < 2x`,
    );
    // Decided reading (issue 11): p99 < 25 ms is a cloud figure; on this platform the target is the
    // gateway and handler's own time over DynamoDB Local's floor for the same two calls, at one connection.
    const over = (q: "p50 ms" | "p99 ms") => (Number(users1[q]) - Number(floor1[q])).toFixed(1);
    console.log(
      `GET /v1/users at 1 connection: gateway + handler over DynamoDB Local's floor (its query + access record; median of 3 alternating rounds) ` +
        `+${over("p50 ms")} ms p50, +${over("p99 ms")} ms p99; target <= 2 ms p50, <= 5 ms p99. ` +
        `(p99 < 25 ms is the cloud figure: here the floor alone is p99 ${floor1["p99 ms"]} ms at 1, ${floor10["p99 ms"]} ms at ${CONNECTIONS} at once.)`,
    );
    console.log(
      `The audit consumer, paused during those rounds, chained each round's access records afterwards in ${(median(drains) / 1000).toFixed(1)} s (median); ` +
        `with it running beside the route (10 connections above) the route competes with it for this one event loop.`,
    );
  } finally {
    await platform.stop();
    await dynamo.stop();
  }
}

async function bundles() {
  // Inside the repo (git-ignored) so the runtime-provided @aws-sdk/* resolves from node_modules.
  const out = join("bench", "out");
  mkdirSync(out, { recursive: true });
  const handlers = [
    ...new Set(
      forRuntime(capabilities, "cloud").flatMap((c) =>
        [
          ...(c.routes ?? []),
          ...(c.streams ?? []),
          ...(c.subscriptions ?? []),
          ...(c.schedules ?? []),
          ...(c.topicRules ?? []),
        ].map((x) => x.handler),
      ),
    ),
  ].sort();
  const rows = [];
  for (const handler of handlers) {
    const outfile = join(out, `${handler.replace(/\//g, "-")}.mjs`);
    await build({ ...LAMBDA_BUNDLING, entryPoints: [join("functions/src", `${handler}.ts`)], outfile });
    const runner = join(process.cwd(), out, "init.mjs");
    writeFileSync(
      runner,
      "const t = performance.now(); await import(process.argv[2]); console.log((performance.now() - t).toFixed(1));",
    );
    const times = Array.from({ length: 5 }, () =>
      Number(
        execFileSync(process.execPath, [runner, join(process.cwd(), outfile)], {
          encoding: "utf8",
          env: { ...process.env, AWS_REGION: "eu-central-1" },
        }).trim(),
      ),
    );
    rows.push({
      function: handler,
      "bundle KB": (statSync(outfile).size / 1024).toFixed(1),
      "cold init ms (median of 5)": median(times).toFixed(1),
    });
  }
  console.log(
    "\nFunction bundles (esbuild with the CDK settings, AWS SDK bundled; cold init = importing the bundle in a fresh Node process)\n",
  );
  console.log(table(rows));
}

export async function run() {
  await http();
  await bundles();
}
