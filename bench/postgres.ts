import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@medloop/infra/local/ports";
import { median } from "./stats.ts";
import type { OrderRecords } from "./trace-data.ts";

/**
 * The trace bench's PostgreSQL side: a throwaway cluster (Debian's binaries) in a temp dir on a
 * free port, the same genealogy loaded with COPY, the indexes a DBA would add, and the traces as
 * recursive CTEs timed by psql. Rejects (the bench then says "skipped") when PostgreSQL is absent.
 */
function binDir(): string {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return join(onPath, "..");
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => join(root, v, "bin")).find((d) => existsSync(join(d, "initdb")));
  if (!dir) throw new Error("initdb not found on PATH or under /usr/lib/postgresql/*/bin");
  return dir;
}

const SCHEMA = `
create table orders(order_id uuid primary key, order_no text, product_id uuid, fg_material_id uuid, fg_lot_no text,
  status text, bom jsonb, route jsonb, released_at timestamptz);
create table issue_lines(line_id uuid primary key, order_id uuid, material_id uuid, lot_no text, quantity int,
  supplier_id uuid, supplier_lot_no text, origin jsonb, produced_by_order_id uuid, issued_at timestamptz, issued_by text);
create table operations(report_id uuid primary key, order_id uuid, sequence int, operation_code text, work_centre text,
  equipment text, good int, scrap int, operator text, started_at timestamptz, finished_at timestamptz, units jsonb);
create table inspections(inspection_id uuid primary key, order_id uuid, kind text, sequence int, result text,
  measurements jsonb, inspector text, inspected_at timestamptz);
create table nonconformances(nc_id uuid primary key, order_id uuid, description text, quantity int, disposition text,
  concession_no text);
create table releases(order_id uuid primary key, signer text, manifest text, signed_at timestamptz);
create table units(product_id uuid, serial_no text, order_id uuid, fg_material_id uuid, fg_lot_no text, state text,
  primary key (product_id, serial_no));
create table serial_units(material_id uuid, serial_no text, lot_no text, state text, location_id uuid, shipment_id text,
  customer_id uuid, custodian_tenant_id text, primary key (material_id, serial_no));
`;

export const INDEXES = [
  "create index issue_lines_by_lot on issue_lines (material_id, lot_no)",
  "create index issue_lines_by_supplier_lot on issue_lines (supplier_id, supplier_lot_no)",
  "create index issue_lines_by_order on issue_lines (order_id)",
  "create index operations_by_order on operations (order_id)",
  "create index inspections_by_order on inspections (order_id)",
  "create index nonconformances_by_order on nonconformances (order_id)",
  "create index units_by_order on units (order_id)",
  "create index orders_by_fg_lot on orders (fg_material_id, fg_lot_no)",
];

const TABLES = [
  "orders",
  "issue_lines",
  "operations",
  "inspections",
  "nonconformances",
  "releases",
  "units",
  "serial_units",
] as const;
type Table = (typeof TABLES)[number];

const cell = (v: unknown) => (v === undefined || v === null ? "" : `"${String(v).replaceAll('"', '""')}"`);
const row = (values: unknown[]) => values.map(cell).join(",");
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function startPostgres() {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "medloop-pg-"));
  // initdb refuses to run as root: the cluster then belongs to the postgres (or nobody) account.
  const asUser =
    process.getuid?.() === 0 ? (spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody") : undefined;
  if (asUser) {
    const uid = Number(execFileSync("id", ["-u", asUser], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", asUser], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o755);
  const exec = (cmd: string, args: string[], input?: string) => {
    const [file, argv] = asUser ? ["runuser", ["-u", asUser, "--", join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const out = spawnSync(file, argv, { input, encoding: "utf8", maxBuffer: 1 << 28 });
    if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr.slice(-400)}`);
    return out.stdout;
  };
  const port = await freePort();
  const data = join(dir, "data");
  exec("initdb", ["-D", data, "-A", "trust", "-U", "bench", "-E", "UTF8", "--no-sync"]);
  exec("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`,
    "start",
  ]);
  const psqlBin = existsSync(join(bin, "psql")) ? "psql" : undefined;
  const psql = (script: string) => {
    const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", String(port), "-U", "bench", "-d", "postgres"];
    if (psqlBin) return exec(psqlBin, args, script);
    const out = spawnSync("psql", args, { input: script, encoding: "utf8", maxBuffer: 1 << 28 });
    if (out.status !== 0) throw new Error(`psql failed: ${out.stderr.slice(-400)}`);
    return out.stdout;
  };
  /** Each statement's server round trip as psql's \timing reports it. */
  const timed = (statements: string[]) =>
    [...psql(`\\timing on\n\\o /dev/null\n${statements.join(";\n")};\n`).matchAll(/Time: ([\d.]+) ms/g)].map((m) =>
      Number(m[1]),
    );

  const pending = new Map<Table, string[]>(TABLES.map((t) => [t, []]));
  let indexed = false;

  return {
    indexes: INDEXES,
    createSchema: async () => void psql(SCHEMA),
    add(r: OrderRecords) {
      const o = r.order;
      pending
        .get("orders")!
        .push(
          row([o.orderId, o.orderNo, o.productId, o.fgMaterialId, o.fgLotNo, o.status, o.bom, o.route, o.releasedAt]),
        );
      for (const i of r.issues) {
        pending
          .get("issue_lines")!
          .push(
            row([
              i.lineId,
              i.orderId,
              i.materialId,
              i.lotNo,
              i.quantity,
              i.supplierId,
              i.supplierLotNo,
              i.origin,
              null,
              i.issuedAt,
              i.issuedBy,
            ]),
          );
      }
      for (const p of r.operations) {
        pending
          .get("operations")!
          .push(
            row([
              p.reportId,
              p.orderId,
              p.sequence,
              p.operationCode,
              p.workCentreCode,
              p.equipment,
              p.good,
              p.scrap,
              p.operatorName,
              p.startedAt,
              p.finishedAt,
              p.units,
            ]),
          );
      }
      for (const x of r.inspections) {
        pending
          .get("inspections")!
          .push(
            row([
              x.inspectionId,
              x.orderId,
              x.kind,
              x.sequence,
              x.result,
              x.measurements,
              x.inspectorName,
              x.inspectedAt,
            ]),
          );
      }
      for (const n of r.ncs) {
        pending
          .get("nonconformances")!
          .push(row([n.ncId, n.orderId, n.description, n.quantity, n.disposition, n.concessionNo]));
      }
      pending
        .get("releases")!
        .push(row([r.release.orderId, r.release.signerName, r.release.manifest, r.release.signedAt]));
      for (const u of r.units) {
        pending.get("units")!.push(row([u.productId, u.serialNo, u.orderId, u.fgMaterialId, u.fgLotNo, u.state]));
      }
      for (const c of r.custody) {
        pending
          .get("serial_units")!
          .push(
            row([
              c.materialId,
              c.serialNo,
              c.lotNo,
              c.state,
              c.locationId,
              c.shipmentId,
              c.customerId,
              c.custodianTenantId,
            ]),
          );
      }
    },
    /** COPY what was added since the last flush. */
    async flush() {
      const copies: string[] = [];
      for (const [t, rows] of pending) {
        const file = join(dir, `${t}.csv`);
        writeFileSync(file, `${rows.join("\n")}\n`);
        chmodSync(file, 0o644);
        copies.push(`\\copy ${t} from '${file}' with (format csv)`);
        rows.length = 0;
      }
      psql(`${copies.join("\n")}\n`);
    },
    async indexed() {
      if (!indexed) psql(`${INDEXES.join(";\n")};\n`);
      indexed = true;
      psql("analyze;\n");
    },
    async backward(sample: { productId: string; serialNo: string }[]) {
      const statements = sample.map(
        (
          s,
        ) => `with recursive u as (select * from units where product_id = ${q(s.productId)} and serial_no = ${q(s.serialNo)}),
makers(order_id) as (select order_id from u
  union select i.produced_by_order_id from issue_lines i join makers m on i.order_id = m.order_id
  where i.produced_by_order_id is not null)
select (select row_to_json(u) from u) as unit,
  (select json_agg(o) from orders o where o.order_id in (select order_id from makers)) as orders,
  (select json_agg(i) from issue_lines i where i.order_id in (select order_id from makers)) as issues,
  (select json_agg(p) from operations p where p.order_id in (select order_id from makers)) as operations,
  (select json_agg(x) from inspections x where x.order_id in (select order_id from makers)) as inspections,
  (select json_agg(n) from nonconformances n where n.order_id in (select order_id from makers)) as ncs,
  (select json_agg(r) from releases r where r.order_id in (select order_id from makers)) as releases,
  (select row_to_json(s) from serial_units s join u on s.material_id = u.fg_material_id and s.serial_no = u.serial_no) as custodian`,
      );
      // The first 20 warm the cache, as on the DynamoDB side.
      return timed([...statements.slice(0, 20), ...statements]).slice(20);
    },
    async forward(lot: { materialId: string; lotNo: string }) {
      const statement = `with recursive affected(order_id, fg_material_id, fg_lot_no, level) as (
  select o.order_id, o.fg_material_id, o.fg_lot_no, 1 from issue_lines i join orders o on o.order_id = i.order_id
  where i.material_id = ${q(lot.materialId)} and i.lot_no = ${q(lot.lotNo)}
  union
  select o.order_id, o.fg_material_id, o.fg_lot_no, a.level + 1 from affected a
  join issue_lines i on i.material_id = a.fg_material_id and i.lot_no = a.fg_lot_no
  join orders o on o.order_id = i.order_id)
select u.product_id, u.serial_no, u.order_id, u.fg_lot_no, u.state, s.state as custody, s.location_id, s.shipment_id,
  s.customer_id, s.custodian_tenant_id
from affected a join units u on u.order_id = a.order_id
left join serial_units s on s.material_id = u.fg_material_id and s.serial_no = u.serial_no`;
      return median(timed(Array.from({ length: 6 }, () => statement)).slice(1));
    },
    async stop() {
      try {
        exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
