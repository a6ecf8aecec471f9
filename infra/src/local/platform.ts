import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capabilities as declared } from "@medloop/functions/declaration/index";
import { openApiDocument } from "@medloop/functions/declaration/openapi";
import { type CapabilityDeclaration, forRuntime } from "@medloop/functions/declaration/types";
import { withIotPorts } from "@medloop/functions/lib/iot";
import { MAX_TOKEN_LIFETIME_SECONDS, TOKEN_AUDIENCE } from "@medloop/functions/lib/token-issuer";
import { matchesEventPattern, setClockOffset, systemClock } from "@medloop/shared";
import { clientFromEnv, configureDb } from "@medloop/shared/db/client";
import { tableDefinition } from "@medloop/shared/db/service";
import type { DynamoDBRecord } from "aws-lambda";
import { streamFilterPatterns } from "../cloud/stream-filters.ts";
import { type Broker, createCredentialStore, startBroker, type TopicRuleMessage } from "./broker.ts";
import { type BusRule, createLocalBus } from "./bus.ts";
import { seedDemoGateways, startDemoFleet } from "./demo-fleet.ts";
import { ensureTable, startDynamo } from "./dynamo.ts";
import { createGateway, type LocalRoute } from "./gateway.ts";
import { invoke, setInvocationScope } from "./handlers.ts";
import { createLocalIotPorts, serviceCredentials } from "./iot-ports.ts";
import { loadOrCreateKeys, tokenVerifier } from "./keys.ts";
import { startObjectStore } from "./object-store.ts";
import { loadOrCreateOperatorKey, operatorOnly } from "./operator.ts";
import { assertPortFree, freePort } from "./ports.ts";
import { createScheduler } from "./scheduler.ts";
import { DEMO_PASSWORD, demoLogins, type SeedLevel, seedDemo } from "./seed.ts";
import { startStreamPoller } from "./stream-poller.ts";

/**
 * The whole platform on this machine, from the one declaration: DynamoDB Local, the HTTP gateway,
 * the stream poller (Pipes / event source mappings), the event bus, the MQTT broker, the object
 * store, the scheduler and, optionally, the portal. `npm start` and the tests both use this.
 */
export interface PlatformOptions {
  /** Persist everything here (`npm start`); omitted → in memory, for tests. */
  dataDir?: string;
  /** Fixed ports (`npm start`); any omitted one is a free port. */
  ports?: Partial<Record<"dynamo" | "api" | "mqtt" | "s3" | "portal", number>>;
  /** Use an already running DynamoDB Local (benchmarks); else the platform starts its own. */
  dynamoEndpoint?: string;
  /** How much demo data to seed (`SeedLevel`, default the whole demo); false seeds nothing. */
  seed?: SeedLevel | false;
  /** Run the demo tenants' simulated gateways (`npm start`); tests start gateways of their own. */
  fleet?: boolean;
  portal?: boolean;
  capabilities?: readonly CapabilityDeclaration[];
  /**
   * Fault injection: a topic-rule delivery for which this returns true fails (as a Lambda action can
   * in IoT Core), after the broker acknowledged the message to the gateway.
   */
  topicRuleFault?: (msg: TopicRuleMessage) => boolean;
  /**
   * Run the domain this far ahead of (or behind) the wall clock, so a demo or test can jump to a
   * deadline; the handlers run in this process and read the same clock.
   */
  clockOffsetMs?: number;
  /** Extra bus rules (tests tap the bus with one). */
  extraRules?: BusRule[];
  log?: (line: Record<string, unknown>) => void;
}

export const BUCKETS = {
  reports: "medloop-reports",
  auditAnchors: "medloop-audit-anchors",
  documents: "medloop-documents",
};

/** The declared schedule that anchors the audit chains (functions/src/capabilities/audit.ts). */
const AUDIT_ANCHOR_SCHEDULE = "audit-anchor";

export async function startPlatform(opts: PlatformOptions = {}) {
  const capabilities = forRuntime(opts.capabilities ?? declared, "local");
  const log = opts.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e) => log({ msg: "stop failed", error: String(e) }));
  };
  const port = async (name: keyof NonNullable<PlatformOptions["ports"]>, what: string) => {
    const fixed = opts.ports?.[name];
    if (fixed === undefined) return freePort();
    await assertPortFree(fixed, what);
    return fixed;
  };

  // Set before the seed, so the demo data is as of the shifted time too; cleared again by stop().
  setClockOffset(opts.clockOffsetMs ?? 0);
  stops.push(async () => setClockOffset(0));

  try {
    const apiPort = await port("api", "the API gateway");
    const mqttPort = await port("mqtt", "the MQTT broker");
    const s3Port = await port("s3", "the object store");
    const portalPort = opts.portal ? await port("portal", "the portal") : undefined;

    let dynamoEndpoint = opts.dynamoEndpoint ?? process.env.DYNAMODB_ENDPOINT;
    if (!opts.dynamoEndpoint) {
      const dynamo = await startDynamo({
        port: await port("dynamo", "DynamoDB Local"),
        dataDir: opts.dataDir && join(opts.dataDir, "dynamodb"),
      });
      stops.push(dynamo.stop);
      dynamoEndpoint = dynamo.endpoint;
    }
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const keys = await loadOrCreateKeys(opts.dataDir && join(opts.dataDir, "keys"));
    const operatorKey = loadOrCreateOperatorKey(opts.dataDir && join(opts.dataDir, "keys"));

    const objectStore = await startObjectStore({
      port: s3Port,
      dir: opts.dataDir && join(opts.dataDir, "objects"),
      buckets: Object.values(BUCKETS),
    });
    stops.push(objectStore.stop);

    // The dispatch handler's e-mail, as JSON lines (functions/src/lib/mailer.ts): SES stands in here.
    const mailDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "medloop-mail-"));
    if (!opts.dataDir) stops.push(async () => rmSync(mailDir, { recursive: true, force: true }));
    const mailOutbox = join(mailDir, "mail-outbox.jsonl");

    // Handlers run in this process, unchanged; they read their configuration from the environment as in Lambda.
    Object.assign(process.env, {
      MEDLOOP_MAIL_OUTBOX: mailOutbox,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      MEDLOOP_TABLE: process.env.MEDLOOP_TABLE ?? "medloop",
      MEDLOOP_JWT_PRIVATE_KEY: keys.privatePem,
      MEDLOOP_JWT_KID: keys.kid,
      MEDLOOP_JWT_ISSUER: apiUrl,
      S3_ENDPOINT: objectStore.endpoint,
      REPORTS_BUCKET: BUCKETS.reports,
      AUDIT_ANCHOR_BUCKET: BUCKETS.auditAnchors,
      DOCUMENTS_BUCKET: BUCKETS.documents,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
    });
    // The handlers in this process talk to this platform's DynamoDB, also when an earlier platform
    // of the same process (a test file starting two) used another one.
    const db = clientFromEnv();
    configureDb(() => db);
    const table = tableDefinition(process.env.MEDLOOP_TABLE);
    await ensureTable(dynamoEndpoint!, table);

    const bus = createLocalBus({
      rules: [
        ...capabilities.flatMap((c) =>
          (c.subscriptions ?? []).map((s) => ({
            name: s.name,
            pattern: s.pattern,
            target: async (event: unknown) => {
              await invoke(s.handler, event);
            },
          })),
        ),
        ...(opts.extraRules ?? []),
      ],
      deadLetterFile: opts.dataDir && join(opts.dataDir, "dead-letters.json"),
      log,
    });
    stops.push(bus.close);

    const poller = await startStreamPoller({
      endpoint: dynamoEndpoint!,
      tableName: table.tableName,
      checkpointFile: opts.dataDir && join(opts.dataDir, "stream-checkpoints.json"),
      log,
      consumers: capabilities.flatMap((c) =>
        (c.streams ?? []).map((s) => {
          // The same filter patterns the CDK event source mappings and Pipe install, matched the same way.
          const patterns = streamFilterPatterns(s.filter);
          return {
            name: s.name,
            async deliver(records: DynamoDBRecord[]) {
              const mine = records.filter((r) => patterns.some((p) => matchesEventPattern(p, r)));
              if (!mine.length) return undefined;
              if (s.mode === "pipe-enrichment") {
                const entries = (await invoke(s.handler, mine)) as Parameters<typeof bus.putEvents>[0];
                if (entries.length) await bus.putEvents(entries);
                return undefined;
              }
              const result = (await invoke(s.handler, { Records: mine })) as
                | { batchItemFailures?: { itemIdentifier: string }[] }
                | undefined;
              const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
              if (!failed) return undefined;
              const index = mine.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
              // Retry from the first failed record: map back to the position in the full batch.
              return records.indexOf(mine[Math.max(0, index)]!);
            },
          };
        }),
      ),
    });
    stops.push(poller.stop);

    const credentials = createCredentialStore();
    const service = serviceCredentials();
    const topicRules = capabilities.flatMap((c) =>
      (c.topicRules ?? []).map((r) => ({
        name: r.name,
        topicFilter: r.topicFilter,
        invoke: async (msg: TopicRuleMessage) => {
          if (opts.topicRuleFault?.(msg)) throw new Error(`injected fault: ${r.name} lost ${msg.topic}`);
          // What the rule's SQL selects in IoT Core (shared/src/device/topics.ts): the payload as base64, tenant and thing from the topic.
          await invoke(r.handler, {
            payload: msg.payload.toString("base64"),
            topic: msg.topic,
            tenantId: msg.tenantId,
            thingName: msg.thingName,
            receivedAt: Date.now(),
          });
        },
      })),
    );
    // Registered before the broker, so it is stopped after the broker has finished its in-flight rule invocations.
    const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
    const iot = createLocalIotPorts({ mqttUrl, credentials, service });
    // Every invocation reaches the gateways through this platform's broker (its async context carries the ports).
    setInvocationScope((invocation) => withIotPorts(iot, invocation));
    stops.push(async () => {
      setInvocationScope(undefined);
      await iot.close();
    });
    const brokerOptions = { port: mqttPort, credentials, log, topicRules, serviceCredentials: service };
    let broker: Broker | undefined = await startBroker(brokerOptions);
    stops.push(async () => {
      await broker?.stop();
      broker = undefined;
    });
    /** The outage tests stop the broker under load and start it again on the same port. */
    const mqttControl = {
      async stop() {
        await broker?.stop();
        broker = undefined;
      },
      async start() {
        broker ??= await startBroker(brokerOptions);
      },
      get broker(): Broker {
        if (!broker) throw new Error("the MQTT broker is stopped");
        return broker;
      },
    };

    const scheduler = createScheduler({
      schedules: capabilities.flatMap((c) => [...(c.schedules ?? [])]),
      invoke: async (s) => {
        await invoke(s.handler, {
          version: "0",
          id: crypto.randomUUID(),
          "detail-type": "Scheduled Event",
          source: "aws.scheduler",
          account: "000000000000",
          time: systemClock.now().toISOString(),
          region: "local",
          resources: [`arn:aws:scheduler:local:000000000000:schedule/default/${s.name}`],
          detail: {},
        });
      },
      log,
      // Schedules fire on the domain's clock: with an offset, a nightly run comes at the shifted night.
      now: systemClock.now,
    });
    scheduler.start();
    stops.push(async () => scheduler.stop());

    const openapi = openApiDocument(capabilities, apiUrl);
    const verifyToken = tokenVerifier(keys, apiUrl, TOKEN_AUDIENCE, MAX_TOKEN_LIFETIME_SECONDS);
    const gateway = createGateway({
      capabilities,
      verifyToken,
      log,
      localRoutes: new Map<string, LocalRoute>([
        ["GET /openapi.json", async () => ({ status: 200, body: openapi })],
        ["GET /.well-known/jwks.json", async () => ({ status: 200, body: { keys: [keys.publicJwk] } })],
        ["GET /health", async () => ({ status: 200, body: { ok: true } })],
        // The operator's views of the bus's dead letters (in AWS: the rules' SQS DLQs): every tenant's events.
        [
          "GET /_local/dead-letters",
          operatorOnly(operatorKey, async () => ({ status: 200, body: { items: bus.deadLetters() } })),
        ],
        [
          "POST /_local/dead-letters/redrive",
          operatorOnly(operatorKey, async (url) => {
            const id = url.searchParams.get("id") ?? undefined;
            if (id && !bus.deadLetters().some((d) => d.id === id)) {
              return {
                status: 404,
                body: { error: { code: "dead-letter-not-found", message: `No dead letter ${id}` } },
              };
            }
            return { status: 200, body: await bus.redrive(id) };
          }),
        ],
      ]),
    });
    await new Promise<void>((resolve, reject) => {
      gateway.once("error", reject);
      gateway.listen(apiPort, "127.0.0.1", () => resolve());
    });
    // Requests already inside a handler finish and get their answers before the table stops.
    stops.push(() => gateway.shutdown());

    const settled = async () => {
      await poller.settled();
      await bus.drain();
    };
    const seeded = opts.seed === false ? { created: [] } : await seedDemo(opts.seed ?? "demo", settled);
    if (opts.seed !== false) await seedDemoGateways();
    // Anchor the audit chains at every start and stop, not only on the timer: what a session
    // changed is vouched for from outside the table before the data directory is left alone.
    const anchorAudit = (when: string) =>
      scheduler
        .runNow(AUDIT_ANCHOR_SCHEDULE)
        .catch((e) => log({ msg: `audit anchor at ${when} failed`, error: String(e) }));
    await anchorAudit("start");
    stops.push(() => anchorAudit("stop"));
    if (opts.fleet) {
      const dir = opts.dataDir ? join(opts.dataDir, "gateways") : mkdtempSync(join(tmpdir(), "medloop-fleet-"));
      if (!opts.dataDir) stops.push(async () => rmSync(dir, { recursive: true, force: true }));
      const fleet = await startDemoFleet({ mqttUrl, credentials, dir, log });
      stops.push(fleet.stop);
    }

    let portalUrl: string | undefined;
    if (portalPort) {
      const { startPortal } = await import("./portal.ts");
      const portal = await startPortal({ port: portalPort, apiUrl, secret: keys.sessionSecret, log });
      stops.push(portal.stop);
      portalUrl = portal.url;
    }

    return {
      urls: {
        api: apiUrl,
        portal: portalUrl,
        mqtt: mqttUrl,
        objectStore: objectStore.endpoint,
        dynamo: dynamoEndpoint!,
      },
      demo: { password: DEMO_PASSWORD, logins: demoLogins(), seeded: seeded.created },
      bus,
      poller,
      /** The broker (`mqtt.broker`, as it runs now), and stopping and restarting it. */
      mqtt: mqttControl,
      credentials,
      /** The bearer token of the local admin routes (`/_local/…`), which no tenant token opens. */
      operatorKey,
      scheduler,
      /** The local stand-in for SES: every e-mail sent, one JSON object a line. */
      mailOutbox,
      tableName: table.tableName,
      /** Wait until every change committed so far has left through the stream and been delivered on the bus. */
      settled,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
