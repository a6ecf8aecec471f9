import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { waitFor } from "@medloop/infra/local/ports";
import type { SeedLevel } from "@medloop/infra/local/seed";
import { inject } from "vitest";

/**
 * Seed once per run, copy per suite. The first suite that asks for a seed level builds it (in a
 * child process, see seed-snapshot.ts) under the run's state folder; every suite then starts its
 * platform on a private copy of that folder and of its database, so a platform costs a copy and a
 * start, not a seed. `demo` is built on a copy of `base`: its seed finds tenants, users and master
 * data there already.
 */
export interface SeededState {
  /** A private copy of the seeded platform data folder (keys, objects, stream checkpoints). */
  dataDir: string;
  /** A private copy of the seeded database on the run's DynamoDB Local (`newDatabase`). */
  database: string;
  tableName: string;
  seeded: string[];
}

/** The file DynamoDB Local keeps a database in: `<access key>_<region>.db` without `-sharedDb`. */
const databaseFile = (name: string) => join(inject("databaseDir"), `${name}_local.db`);
/** The one database file of a platform started with `-sharedDb`, as the seed's platform is. */
const SHARED_DATABASE = join("dynamodb", "shared-local-instance.db");

/**
 * A database of its own on the run's DynamoDB Local, empty or a copy of a seeded folder's: its
 * name is the access key that reaches it (`DYNAMODB_LOCAL_DATABASE`, shared/src/db/client.ts).
 * DynamoDB Local opens a database file on its first request with that key.
 */
export function newDatabase(seededDir?: string): string {
  const name = `platform${randomBytes(6).toString("hex")}`;
  if (seededDir) copyFileSync(join(seededDir, SHARED_DATABASE), databaseFile(name));
  return name;
}

export const removeDatabase = (name: string) => rmSync(databaseFile(name), { force: true });

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx");

export async function seededCopy(level: SeedLevel): Promise<SeededState> {
  const root = inject("stateDir");
  const source = await built(root, level);
  const dataDir = mkdtempSync(join(root, `copy-${level}-`));
  cpSync(source, dataDir, { recursive: true, filter: (path) => path !== join(source, "dynamodb") });
  const manifest = manifestOf(dataDir);
  return { dataDir, database: newDatabase(source), tableName: manifest.tableName, seeded: manifest.seeded };
}

const manifestOf = (dir: string): { tableName: string; seeded: string[] } =>
  JSON.parse(readFileSync(join(dir, "snapshot.json"), "utf8"));

/** The seeded folder for `level`, built by whichever suite of the run asks first; the others wait for it. */
async function built(root: string, level: SeedLevel): Promise<string> {
  const dir = join(root, level);
  const ready = `${dir}.ready`;
  try {
    mkdirSync(`${dir}.lock`);
  } catch {
    // Another suite is building it: a seed takes 15-60 s on two busy cores.
    await waitFor(() => existsSync(ready) || existsSync(`${dir}.failed`), {
      timeoutMs: 280_000,
      intervalMs: 200,
      what: `the ${level} seed another suite is building`,
    });
    if (existsSync(`${dir}.failed`)) throw new Error(readFileSync(`${dir}.failed`, "utf8"));
    return dir;
  }
  try {
    // The demo level seeds on top of the base one: the tenants it reports created are the base's.
    const earlier = level === "demo" ? manifestOf(await built(root, "base")).seeded : [];
    if (level === "demo") cpSync(join(root, "base"), dir, { recursive: true });
    await run(process.execPath, ["--import", tsx, join(import.meta.dirname, "seed-snapshot.ts"), level, dir], {
      env: { ...process.env, MEDLOOP_TABLE: "medloop", POWERTOOLS_LOG_LEVEL: "SILENT" },
      maxBuffer: 16 * 1024 * 1024,
    });
    const manifest = manifestOf(dir);
    writeFileSync(
      join(dir, "snapshot.json"),
      JSON.stringify({ ...manifest, seeded: [...new Set([...earlier, ...manifest.seeded])].sort() }),
    );
    writeFileSync(ready, "");
    return dir;
  } catch (e) {
    const err = e as { message: string; stderr?: string };
    const message = `Seeding ${level} failed: ${err.message}\n${err.stderr ?? ""}`;
    // Waiting suites fail with the cause instead of timing out.
    writeFileSync(`${dir}.failed`, message);
    throw new Error(message);
  }
}
