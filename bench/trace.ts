import { BatchWriteCommand, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startDynamo } from "@medloop/infra/local/dynamo";
import { freePort } from "@medloop/infra/local/ports";
import { tenantPrefix } from "@medloop/shared/db/keys";
import { startPostgres } from "./postgres.ts";
import { median, percentiles, table } from "./stats.ts";
import { fgLotOf, makeWorld, orderRecords, PROBES, productOf, serialOf, type World } from "./trace-data.ts";

/**
 * `npm run bench -- trace` (issue 3, TR-2/TR-3): generate a genealogy in DynamoDB Local, then
 * measure the backward trace of 200 serials and the forward trace of lots affecting ~100, ~1,000
 * and ~10,000 serials, at a small and at the full dataset size, with each trace's sequential
 * round trips and consumed capacity, the read floor, and the same queries on PostgreSQL.
 * Sizes: BENCH_SERIALS (200000), BENCH_SMALL_SERIALS (50000), BENCH_UNITS_PER_ORDER (100),
 * BENCH_SUPPLIERS (100), BENCH_LOTS (5000), BENCH_HOSPITALS (50).
 */
const env = (name: string, fallback: number) => Number(process.env[`BENCH_${name}`] ?? fallback);
const TENANT = "bench-med";
const SAMPLES = 200;
const FORWARD_RUNS = 5;
const WRITERS = 16;

type Doc = import("@aws-sdk/lib-dynamodb").DynamoDBDocumentClient;

export async function run() {
  const unitsPerOrder = env("UNITS_PER_ORDER", 100);
  const sizes = [env("SMALL_SERIALS", 50_000), env("SERIALS", 200_000)].map((s) => Math.ceil(s / unitsPerOrder));
  const world = makeWorld({
    suppliers: env("SUPPLIERS", 100),
    lots: env("LOTS", 5_000),
    hospitals: env("HOSPITALS", 50),
    unitsPerOrder,
  });
  if (sizes[0]! < PROBES.at(-1)!.orders)
    throw new Error(`The small size needs at least ${PROBES.at(-1)!.orders} orders`);
  const dynamo = await startDynamo({ port: await freePort() });
  const pg = await startPostgres().catch((e: Error) => {
    console.log(`PostgreSQL: skipped (${e.message})`);
    return undefined;
  });
  try {
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    const { clientFromEnv, configureDb } = await import("@medloop/shared/db/client");
    const { tableDefinition, Db } = await import("@medloop/shared/db/service");
    const { ensureTable } = await import("@medloop/infra/local/dynamo");
    const doc = clientFromEnv();
    configureDb(() => doc);
    const def = tableDefinition();
    await ensureTable(dynamo.endpoint, def);
    console.log(
      `dataset: ${world.sizes.suppliers} suppliers, ${world.sizes.lots} material lots, ${world.sizes.hospitals} hospitals, ${unitsPerOrder} serials per order`,
    );
    await pg?.createSchema();
    const results: Measured[] = [];
    let written = 0;
    for (const orders of sizes) {
      await load(doc, def.tableName, Db, world, written, orders, pg);
      written = orders;
      if (pg) await pg.indexed();
      results.push(await measure(doc, def.tableName, world, orders, pg));
    }
    report(results, pg?.indexes);
  } finally {
    await pg?.stop();
    await dynamo.stop();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the entities map of the one table
type Entities = any;

/** Orders [from, to) with everything they write, through BatchWriteItem, WRITERS requests in flight. */
async function load(
  doc: Doc,
  tableName: string,
  Db: Entities,
  w: World,
  from: number,
  to: number,
  pg: Awaited<ReturnType<typeof startPostgres>> | undefined,
) {
  const started = performance.now();
  const e = Db.entities;
  const item = (entity: string, record: object) => e[entity].put({ tenantId: TENANT, ...record }).params().Item;
  let done = 0;
  let next = from;
  const total = to - from;
  const bar = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const rate = Math.round((done * w.sizes.unitsPerOrder) / ((performance.now() - started) / 1000));
    process.stderr.write(
      `\r  loading [${"#".repeat(filled)}${".".repeat(width - filled)}] orders ${from + done}/${to}  ${rate.toLocaleString()} serials/s `,
    );
  };
  const worker = async () => {
    while (next < to) {
      const k = next++;
      const r = orderRecords(w, k);
      pg?.add(r);
      const items = [
        item("productionOrder", r.order),
        ...r.issues.map((i) => item("productionIssue", i)),
        ...r.operations.map((o) => item("productionOperation", o)),
        ...r.inspections.map((i) => item("productionInspection", i)),
        ...r.ncs.map((n) => item("productionNc", n)),
        item("batchRelease", r.release),
        ...r.units.map((u) => item("productionUnit", u)),
        ...r.custody.map((c) => item("serialUnit", c)),
      ];
      for (let i = 0; i < items.length; i += 25) {
        let request: Record<string, unknown[]> | undefined = {
          [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: request as never }));
          request = out.UnprocessedItems as typeof request;
        }
      }
      done++;
      if (done % 5 === 0 || done === total) bar();
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, worker));
  process.stderr.write("\n");
  await pg?.flush();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `loaded orders ${from}–${to - 1}: ${((to - from) * w.sizes.unitsPerOrder).toLocaleString()} serials in ${seconds.toFixed(0)} s (total ${(to * w.sizes.unitsPerOrder).toLocaleString()} serials)`,
  );
}

interface Measured {
  serials: number;
  backward: { times: number[]; floor: number[]; roundTrips: number; rcu: number; pg?: number[] };
  forward: {
    name: string;
    serials: number;
    time: number;
    floor: number;
    roundTrips: number;
    rcu: number;
    pg?: number;
  }[];
}

async function measure(
  doc: Doc,
  tableName: string,
  w: World,
  orders: number,
  pg: Awaited<ReturnType<typeof startPostgres>> | undefined,
): Promise<Measured> {
  const { Trace, withActor } = await import("@medloop/shared");
  const as = <T>(f: () => Promise<T>) => withActor({ type: "system", tenantId: TENANT, name: "bench" }, f);
  const pick = (i: number) => {
    const k = Math.floor(((i * 7919) % orders) + ((i * 104729) % 97) / 97) % orders;
    const j = (i * 31) % w.sizes.unitsPerOrder;
    return { k, productId: productOf(w, k).productId, serialNo: serialOf(k, j) };
  };
  // As a user traces: from the scanned label (UDI-DI and serial).
  const udiOf = (s: { k: number; serialNo: string }) => `(01)${productOf(w, s.k).udiDi}(21)${s.serialNo}`;
  const sample = Array.from({ length: SAMPLES }, (_, i) => pick(i + 1));
  for (const s of sample.slice(0, 20)) await as(() => Trace.backward({ udi: udiOf(s) }));

  const times: number[] = [];
  let roundTrips = 0;
  let rcu = 0;
  for (const s of sample) {
    const t = performance.now();
    const trace = await as(() => Trace.backward({ udi: udiOf(s) }));
    times.push(performance.now() - t);
    roundTrips = Math.max(roundTrips, trace.cost.roundTrips);
    rcu += trace.cost.capacityUnits;
  }
  // The floor: the same items read with their keys known, all requests at once.
  const floor: number[] = [];
  for (const s of sample) {
    const p = productOf(w, s.k);
    const t = performance.now();
    await Promise.all([
      queryAll(doc, tableName, `${tenantPrefix(TENANT)}udi-unit#${p.udiDi}#${s.serialNo}`, "gsi2"),
      queryAll(doc, tableName, `${tenantPrefix(TENANT)}mo#${w.orderIds[s.k]}`),
      doc.send(new GetCommand({ TableName: tableName, Key: key(`serial#${p.fgMaterialId}#${s.serialNo}`, "serial") })),
    ]);
    floor.push(performance.now() - t);
  }
  const backward = { times, floor, roundTrips, rcu: rcu / SAMPLES, pg: await pg?.backward(sample.map((s) => s)) };

  const forward: Measured["forward"] = [];
  const probeMaterial = (i: number) => w.materials[i]!.materialId;
  for (const [i, probe] of PROBES.entries()) {
    const input = { materialId: probeMaterial(i), lotNo: probe.lotNo };
    await as(() => Trace.forward(input));
    const runs: { time: number; serials: number; roundTrips: number; rcu: number }[] = [];
    for (let r = 0; r < FORWARD_RUNS; r++) {
      const t = performance.now();
      const trace = await as(() => Trace.forward(input));
      runs.push({
        time: performance.now() - t,
        serials: trace.serials.length,
        roundTrips: trace.cost.roundTrips,
        rcu: trace.cost.capacityUnits,
      });
    }
    const floors: number[] = [];
    for (let r = 0; r < FORWARD_RUNS; r++) floors.push(await forwardFloor(doc, tableName, w, probe.orders, input));
    forward.push({
      name: probe.name,
      serials: runs[0]!.serials,
      time: median(runs.map((x) => x.time)),
      floor: median(floors),
      roundTrips: Math.max(...runs.map((x) => x.roundTrips)),
      rcu: runs[0]!.rcu,
      pg: await pg?.forward(input),
    });
  }
  return { serials: orders * w.sizes.unitsPerOrder, backward, forward };
}

const key = (rest: string, sk: string) => ({ pk: `${tenantPrefix(TENANT)}${rest}`, sk });

async function queryAll(doc: Doc, tableName: string, pk: string, index?: string) {
  const pkField = index ? `${index}pk` : "pk";
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": pkField },
        ExpressionAttributeValues: { ":pk": pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The forward answer's items read with every key known in advance: issue lines, units and custodians at once. */
async function forwardFloor(
  doc: Doc,
  tableName: string,
  w: World,
  orders: number,
  lot: { materialId: string; lotNo: string },
) {
  const t = performance.now();
  const reads: Promise<unknown>[] = [
    queryAll(doc, tableName, `${tenantPrefix(TENANT)}consumed#${lot.materialId}#${lot.lotNo}`, "gsi1"),
  ];
  for (let k = 0; k < orders; k++) {
    const fg = productOf(w, k).fgMaterialId;
    reads.push(
      queryAll(doc, tableName, `${tenantPrefix(TENANT)}mo-units#${w.orderIds[k]}`, "gsi1"),
      queryAll(doc, tableName, `${tenantPrefix(TENANT)}lot-serials#${fg}#${fgLotOf(k)}`, "gsi1"),
    );
  }
  await Promise.all(reads);
  return performance.now() - t;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function report(results: Measured[], indexes: string[] | undefined) {
  const [small, large] = [results[0]!, results.at(-1)!];
  console.log(
    "\nBackward trace of a scanned UDI (200 serials, sequential; floor = the same items with keys known, in parallel)",
  );
  console.log(
    table(
      results.map((r) => {
        const p = percentiles(r.backward.times);
        const f = percentiles(r.backward.floor);
        const pgP = r.backward.pg ? percentiles(r.backward.pg) : undefined;
        return {
          dataset: `${r.serials.toLocaleString()} serials`,
          p50: ms(p.p50!),
          p95: ms(p.p95!),
          "round trips (max)": r.backward.roundTrips,
          "RCU / trace": r.backward.rcu.toFixed(1),
          "floor p50": ms(f.p50!),
          "floor p95": ms(f.p95!),
          "PostgreSQL p50": pgP ? ms(pgP.p50!) : "skipped",
          "DynamoDB / PostgreSQL (p50)": pgP ? (p.p50! / pgP.p50!).toFixed(2) : "-",
        };
      }),
    ),
  );
  console.log("target: p95 < 50 ms, at most 2 sequential round trips");
  console.log("\nForward trace of a material lot (median of 5)");
  console.log(
    table(
      results.flatMap((r) =>
        r.forward.map((f) => ({
          dataset: `${r.serials.toLocaleString()} serials`,
          lot: f.name,
          affected: f.serials,
          time: ms(f.time),
          "round trips": f.roundTrips,
          RCU: f.rcu.toFixed(1),
          floor: ms(f.floor),
          "time / floor": (f.time / f.floor).toFixed(2),
          PostgreSQL: f.pg === undefined ? "skipped" : ms(f.pg),
          "DynamoDB / PostgreSQL": f.pg === undefined ? "-" : (f.time / f.pg).toFixed(2),
        })),
      ),
    ),
  );
  console.log("target: 10,000 serials under 2 s, within 2x of the floor, at most 3 sequential round trips");
  console.log(
    `\nGrowth with the table (${large.serials.toLocaleString()} vs ${small.serials.toLocaleString()} serials, same affected set)`,
  );
  console.log(
    table([
      {
        trace: "backward p50",
        small: ms(percentiles(small.backward.times).p50!),
        large: ms(percentiles(large.backward.times).p50!),
        ratio: (percentiles(large.backward.times).p50! / percentiles(small.backward.times).p50!).toFixed(2),
      },
      ...small.forward.map((f, i) => ({
        trace: `forward ${f.name}`,
        small: ms(f.time),
        large: ms(large.forward[i]!.time),
        ratio: (large.forward[i]!.time / f.time).toFixed(2),
      })),
    ]),
  );
  console.log("target: ratio at most 1.3");
  if (indexes) console.log(`\nPostgreSQL indexes (besides primary keys):\n${indexes.map((i) => `  ${i}`).join("\n")}`);
}
