import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Gateway } from "@medloop/iot/gateway/gateway";
import { createMqttTransport } from "@medloop/iot/gateway/transport/mqtt";
import { createFleet, type Fleet } from "@medloop/iot/simulator/fleet";
import { standardConfig } from "@medloop/iot/standard-config";
import { DomainError, Telemetry, withActor } from "@medloop/shared";
import type { DeviceType } from "@medloop/shared/device/devices";
import type { LocalCredentialStore } from "./broker.ts";

/**
 * The demo tenants' edge gateways: registered by the seed (so every tenant has a gateway and devices
 * to look at), and, under `npm start`, run in this process as the real gateway component on the real
 * broker with credentials the broker issued, fed by the simulator in real time.
 */
export const DEMO_GATEWAYS: {
  tenantId: string;
  gatewayId: string;
  name: string;
  site: string;
  counts: Partial<Record<DeviceType, number>>;
}[] = [
  {
    tenantId: "acme-med",
    gatewayId: "line-1",
    name: "Moulding line 1",
    site: "Plant 1",
    counts: { "moulding-machine": 2, autoclave: 1 },
  },
  {
    tenantId: "city-hospital",
    gatewayId: "icu-3",
    name: "ICU ward 3",
    site: "Main building",
    counts: { "infusion-pump": 3, "patient-monitor": 2 },
  },
  {
    tenantId: "river-hospital",
    gatewayId: "picu",
    name: "Paediatric ICU",
    site: "East wing",
    counts: { "infusion-pump": 2, "patient-monitor": 2, autoclave: 1 },
  },
];

const fleetOf = (g: (typeof DEMO_GATEWAYS)[number], startTs = 0): Fleet =>
  createFleet({ seed: 2026, counts: g.counts, startTs, prefix: `${g.gatewayId}-` });

const DEVICE_NAMES: Record<DeviceType, [string, string]> = {
  "infusion-pump": ["Infusion pump", "Bed"],
  "patient-monitor": ["Patient monitor", "Bed"],
  autoclave: ["Autoclave", "Sterilisation room"],
  "moulding-machine": ["Moulding machine", "Cell"],
};

/** The fleet's devices as the site registers them: a name people use and where each one stands. */
const namedDevices = (g: (typeof DEMO_GATEWAYS)[number]) => {
  const seen = new Map<DeviceType, number>();
  return fleetOf(g).devices.map((d) => {
    const n = (seen.get(d.type) ?? 0) + 1;
    seen.set(d.type, n);
    const [what, where] = DEVICE_NAMES[d.type];
    return { ...d, name: `${what} ${n}`, location: `${g.name}, ${where.toLowerCase()} ${n}` };
  });
};

/** Registers the demo gateways and their devices; one already there is left as it is. */
export async function seedDemoGateways(): Promise<void> {
  for (const g of DEMO_GATEWAYS) {
    await withActor({ type: "system", tenantId: g.tenantId, name: "demo-seed" }, async () => {
      await Telemetry.register({
        gatewayId: g.gatewayId,
        name: g.name,
        site: g.site,
        devices: namedDevices(g),
      }).catch((e: unknown) => {
        if (!(e instanceof DomainError && e.code === "gateway-exists")) throw e;
      });
    });
  }
}

/** Demo windows are 10 s, so the portal's live chart moves while you watch. */
const DEMO_WINDOW_MS = 10_000;

export async function startDemoFleet(opts: {
  mqttUrl: string;
  credentials: LocalCredentialStore;
  /** Each gateway's buffer, saved configuration and de-identification key live below here. */
  dir: string;
  log: (line: Record<string, unknown>) => void;
}): Promise<{ stop(): Promise<void> }> {
  const running: { gateway: Gateway; close: () => Promise<void> }[] = [];
  for (const g of DEMO_GATEWAYS) {
    const identity = { tenantId: g.tenantId, thingName: `${g.tenantId}_${g.gatewayId}` };
    const dir = join(opts.dir, identity.thingName);
    mkdirSync(dir, { recursive: true });
    const keyFile = join(dir, "deid.key");
    const key = (() => {
      try {
        return Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64");
      } catch {
        const fresh = randomBytes(32);
        writeFileSync(keyFile, fresh.toString("base64"), { mode: 0o600 });
        return fresh;
      }
    })();
    const creds = opts.credentials.issue(identity.tenantId, identity.thingName);
    const transport = createMqttTransport({ url: opts.mqttUrl, clientId: identity.thingName, ...creds });
    const fleet = fleetOf(g, Date.now());
    const gateway = await Gateway.start({
      identity,
      transport,
      clock: Date,
      dir,
      deployedConfig: standardConfig(fleet.devices, {
        window: { sizeMs: DEMO_WINDOW_MS, graceMs: 2_000 },
        upstream: { maxInFlight: 32, statusIntervalMs: 60_000 },
      }),
      deidentificationKey: key,
      log: (line) => opts.log({ ...line, component: "demo-gateway" }),
    });
    transport.start();
    const timer = setInterval(() => {
      gateway.ingest(fleet.advance(Date.now()));
      gateway.tick();
    }, 1_000);
    running.push({
      gateway,
      close: async () => {
        clearInterval(timer);
        await gateway.stop();
        await transport.close();
      },
    });
  }
  return {
    async stop() {
      for (const r of running) await r.close();
    },
  };
}
