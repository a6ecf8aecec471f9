import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseOffset } from "@medloop/shared";
import { startPlatform } from "./platform.ts";

/**
 * `npm start`: the whole platform with the demo data, on fixed ports (override with env, see
 * README), data kept in `.medloop/` between runs. `npm run reset` wipes that folder.
 * Ctrl-C stops every child process.
 */
const DATA_DIR = resolve(process.env.MEDLOOP_DATA_DIR ?? ".medloop");
const envPort = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

async function main() {
  if (process.argv.includes("--reset")) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    console.log(`Wiped ${DATA_DIR}. The next npm start seeds fresh demo data.`);
    if (process.argv.includes("--reset-only")) return;
  }
  const t0 = Date.now();
  console.log("Starting MedLoop locally (DynamoDB Local, API, event bus, MQTT, object store, scheduler, portal)…");
  const platform = await startPlatform({
    dataDir: DATA_DIR,
    ports: {
      api: envPort("MEDLOOP_API_PORT", 4000),
      portal: envPort("MEDLOOP_PORTAL_PORT", 3000),
      dynamo: envPort("MEDLOOP_DYNAMO_PORT", 8000),
      mqtt: envPort("MEDLOOP_MQTT_PORT", 1883),
      s3: envPort("MEDLOOP_S3_PORT", 4569),
    },
    portal: process.env.MEDLOOP_NO_PORTAL !== "1",
    fleet: process.env.MEDLOOP_NO_FLEET !== "1",
    clockOffsetMs: process.env.MEDLOOP_CLOCK_OFFSET ? parseOffset(process.env.MEDLOOP_CLOCK_OFFSET) : undefined,
    log: (line) => {
      if (process.env.MEDLOOP_VERBOSE === "1" || /fail|error|refus|dropped/i.test(String(line.msg)))
        console.log(JSON.stringify(line));
    },
  });
  const { urls, demo } = platform;
  const byTenant = new Map<string, string[]>();
  for (const l of demo.logins)
    byTenant.set(`${l.tenant} (${l.kind})`, [...(byTenant.get(`${l.tenant} (${l.kind})`) ?? []), l.email]);
  console.log(`
MedLoop is up in ${((Date.now() - t0) / 1000).toFixed(1)} s.${demo.seeded.length ? ` Seeded demo tenants: ${demo.seeded.join(", ")}.` : ""}

  Portal          ${urls.portal ?? "(not started: MEDLOOP_NO_PORTAL=1)"}
  API             ${urls.api}        (OpenAPI: ${urls.api}/openapi.json)
  MQTT broker     ${urls.mqtt}   (simulated gateways: ${process.env.MEDLOOP_NO_FLEET === "1" ? "off, MEDLOOP_NO_FLEET=1" : "acme-med line-1, city-hospital icu-3, river-hospital picu"})
  Object store    ${urls.objectStore}   (S3 API, path-style)
  DynamoDB Local  ${urls.dynamo}
  Data folder     ${DATA_DIR}   (npm run reset wipes it)${process.env.MEDLOOP_CLOCK_OFFSET ? `\n  Clock           ${process.env.MEDLOOP_CLOCK_OFFSET} from now (MEDLOOP_CLOCK_OFFSET)` : ""}

Demo logins — organisation / email, password for all: ${demo.password}
${[...byTenant].map(([t, emails]) => `  ${t.padEnd(30)} ${emails.join(", ")}`).join("\n")}

Operator key for the local admin routes (${urls.api}/_local/dead-letters): ${platform.operatorKey}

Try:  curl -s -X POST ${urls.api}/v1/auth/login -H 'content-type: application/json' \\
        -d '{"tenant":"acme-med","email":"admin@acme-med.test","password":"${demo.password}"}'
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping MedLoop…`);
    await platform.stop();
    console.log("Stopped. Data kept in", DATA_DIR);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`\nMedLoop could not start: ${(e as Error).message}`);
  process.exit(1);
});
