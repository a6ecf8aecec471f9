import { performance } from "node:perf_hooks";
import { startDynamo } from "@medloop/infra/local/dynamo";
import { startPlatform } from "@medloop/infra/local/platform";
import { freePort } from "@medloop/infra/local/ports";
import { ProductionEvents, patternFor } from "@medloop/shared";
import { percentiles, table } from "./stats.ts";

/**
 * The second half of `npm run bench -- rules` (issue 15, EW-2): on the local platform with the
 * demo data, the time from an inspection result posted to the API until its alert can be read
 * through the API, and each stage's share — the API's commit (the POST's answer), the stream and
 * the bus (until the inspection's event reaches the bus: the stream poller reads every 100 ms
 * here), and the warning handler until the alert is readable (polled every 5 ms). One rule fires
 * on every sample (a threshold without a characteristic: each sample's characteristic is a new
 * subject, so a new alert); BENCH_LATENCY_RULES more SPC rules sit beside it, as a tenant would
 * have. Samples are posted one after another: BENCH_LATENCY_SAMPLES (60), after 5 to warm up.
 */
const env = (name: string, fallback: number) => Number(process.env[`BENCH_${name}`] ?? fallback);
const waitUntil = async (what: string, ready: () => Promise<boolean> | boolean, pauseMs: number) => {
  const deadline = performance.now() + 30_000;
  while (!(await ready())) {
    if (performance.now() > deadline) throw new Error(`bench: ${what} did not happen within 30 s`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return performance.now();
};

export async function alertLatency() {
  const samples = env("LATENCY_SAMPLES", 60);
  const background = env("LATENCY_RULES", 49);
  const onBus = new Map<string, number>();
  const dynamo = await startDynamo({ port: await freePort() });
  const seeding = performance.now();
  const platform = await startPlatform({
    dynamoEndpoint: dynamo.endpoint,
    seed: "demo",
    extraRules: [
      {
        name: "bench-inspection-tap",
        pattern: patternFor(ProductionEvents.InspectionRecorded),
        target: async (event) => {
          const data = (event.detail as { data: { measurements: { characteristic: string }[] } }).data;
          for (const m of data.measurements) onBus.set(m.characteristic, performance.now());
        },
      },
    ],
  });
  const seededMs = performance.now() - seeding;
  try {
    const api = platform.urls.api;
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`bench: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const login = async (role: string) =>
      (
        (await (
          await fetch(`${api}/v1/auth/login`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              tenant: "acme-med",
              email: `${role}@acme-med.test`,
              password: platform.demo.password,
            }),
          })
        ).json()) as { token: string }
      ).token;
    const engineer = await login("quality-engineer");
    const inspector = await login("qc-inspector");
    const rule = (name: string, condition: unknown) => ({
      name,
      grade: "warning",
      subject: "inspection-characteristic",
      owner: { type: "role", role: "qc-inspector" },
      enabled: true,
      condition,
    });
    await call(engineer, "POST", "/v1/early-warning/rules", {
      ...rule("Bench: any result over 100", {
        kind: "threshold",
        field: "measurement.value",
        comparison: "gt",
        value: 100,
      }),
    });
    for (let i = 0; i < background; i++) {
      await call(
        engineer,
        "POST",
        "/v1/early-warning/rules",
        rule(`Bench background ${i}`, {
          kind: "spc",
          characteristic: `Background ${i}`,
          limits: { from: "given", mean: 10, sigma: 1 },
        }),
      );
    }
    const orders = await call(engineer, "GET", "/v1/production/orders?status=in-progress");
    const orderId = (orders.items as unknown as { orderId: string }[])[0]!.orderId;
    const order = await call(engineer, "GET", `/v1/production/orders/${orderId}`);
    const sequence = (order.order as unknown as { route: { operations: { sequence: number }[] } }).route.operations[0]!
      .sequence;
    await platform.settled();

    const rows: { total: number; commit: number; bus: number; handler: number }[] = [];
    for (let i = 0; i < samples + 5; i++) {
      const characteristic = `Bench ${i}`;
      const subject = `inspection-characteristic:${characteristic}`;
      const t0 = performance.now();
      await call(inspector, "POST", `/v1/production/orders/${orderId}/inspections`, {
        kind: "patrol",
        sequence,
        sampleSize: 1,
        measurements: [{ characteristic, value: 150, upper: 200, unit: "N" }],
      });
      const t1 = performance.now();
      const t2 = await waitUntil(`the inspection of ${characteristic} on the bus`, () => onBus.has(characteristic), 1);
      const t3 = await waitUntil(
        `the alert of ${characteristic}`,
        async () =>
          (
            (await call(engineer, "GET", "/v1/early-warning/alerts?status=open")).items as unknown as {
              subject: string;
            }[]
          ).some((a) => a.subject === subject),
        5,
      );
      if (i >= 5) rows.push({ total: t3 - t0, commit: t1 - t0, bus: t2 - t1, handler: t3 - t2 });
    }
    await platform.settled();
    const alerts = (await call(engineer, "GET", "/v1/early-warning/alerts?status=open")).items as unknown as unknown[];
    const of = (k: keyof (typeof rows)[number]) => percentiles(rows.map((r) => r[k]));
    const total = of("total");
    console.log(
      `\nInspection posted → alert readable, on the local platform: demo data (seeded in ${(seededMs / 1000).toFixed(0)} s), ` +
        `${background + 1} rules in the tenant (${background} SPC beside the one that fires), ${samples} samples one after ` +
        `another, ${alerts.length} alerts open at the end\n`,
    );
    const share = (ms: number) => `${((ms / total.p50!) * 100).toFixed(0)} %`;
    console.log(
      table(
        (
          [
            ["commit (POST answered)", "commit"],
            ["stream → bus", "bus"],
            ["handler → alert readable", "handler"],
            ["total", "total"],
          ] as const
        ).map(([stage, key]) => {
          const p = of(key);
          return {
            stage,
            "p50 ms": p.p50!.toFixed(0),
            "p95 ms": p.p95!.toFixed(0),
            "p99 ms": p.p99!.toFixed(0),
            "share of p50": share(p.p50!),
          };
        }),
      ),
    );
    console.log(`Target: p95 < 1000 ms — ${total.p95! < 1000 ? "met" : "NOT met"} (p95 ${total.p95!.toFixed(0)} ms).`);
  } finally {
    await platform.stop();
    await dynamo.stop();
  }
}
