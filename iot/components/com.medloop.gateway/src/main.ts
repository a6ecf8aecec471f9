import { readFileSync } from "node:fs";
import { GatewayConfig } from "@medloop/shared/device/gateway-config";
import { greengrasscoreipc } from "aws-iot-device-sdk-v2";
import { createFleet } from "../../../src/simulator/fleet.ts";
import { Gateway } from "./gateway.ts";
import { createIpcTransport } from "./transport/greengrass-ipc.ts";
import { createMqttTransport } from "./transport/mqtt.ts";

/**
 * The component's process (bundled as main.mjs into the artifact). On a core device
 * (MEDLOOP_TRANSPORT=greengrass-ipc, set by the recipe) it reads its configuration and the tenant's
 * de-identification key over IPC; in development (MEDLOOP_TRANSPORT=mqtt) it connects to the local
 * broker and reads both from files. MEDLOOP_SIMULATE=<devices per type> feeds it a simulated fleet
 * in real time — the same program, fed by the simulator instead of device drivers.
 */

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const log = (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));

async function fromGreengrass() {
  const ipc = greengrasscoreipc.createClient();
  await ipc.connect();
  try {
    const config = GatewayConfig.parse((await ipc.getConfiguration({ keyPath: ["gateway"] })).value);
    const secret = (await ipc.getSecretValue({ secretId: env("MEDLOOP_DEID_SECRET_ID") })).secretValue?.secretString;
    if (!secret) throw new Error("The de-identification secret has no string value (expected base64 key bytes).");
    return { config, key: Buffer.from(secret, "base64"), transport: createIpcTransport({ log }) };
  } finally {
    await ipc.close();
  }
}

function fromFiles() {
  return {
    config: GatewayConfig.parse(JSON.parse(readFileSync(env("MEDLOOP_CONFIG_FILE"), "utf8"))),
    key: Buffer.from(readFileSync(env("MEDLOOP_DEID_KEY_FILE"), "utf8").trim(), "base64"),
    transport: createMqttTransport({
      url: env("MEDLOOP_MQTT_URL"),
      clientId: env("AWS_IOT_THING_NAME"),
      username: env("MEDLOOP_MQTT_USERNAME"),
      password: env("MEDLOOP_MQTT_PASSWORD"),
      log,
    }),
  };
}

const setup = env("MEDLOOP_TRANSPORT") === "greengrass-ipc" ? await fromGreengrass() : fromFiles();
if (setup.key.length < 32) throw new Error("The de-identification key must be at least 32 bytes.");
const identity = { tenantId: env("MEDLOOP_TENANT_ID"), thingName: env("AWS_IOT_THING_NAME") };
const perType = Number(process.env.MEDLOOP_SIMULATE ?? 0);
const fleet =
  perType > 0
    ? createFleet({
        seed: Date.now() % 2 ** 31,
        counts: {
          "infusion-pump": perType,
          "patient-monitor": perType,
          autoclave: perType,
          "moulding-machine": perType,
        },
        startTs: Date.now(),
        prefix: `${identity.thingName}-`,
      })
    : undefined;
const gateway = await Gateway.start({
  identity,
  transport: setup.transport,
  clock: Date,
  dir: env("MEDLOOP_WORK_DIR"),
  // A simulated fleet brings its own devices; a real deployment lists them in the configuration.
  deployedConfig: fleet ? { ...setup.config, devices: fleet.devices } : setup.config,
  deidentificationKey: setup.key,
  onAlert: (alert) => log({ msg: "alert", ...alert }),
  log,
});
setup.transport.start();

const timer = setInterval(() => {
  if (fleet) gateway.ingest(fleet.advance(Date.now()));
  gateway.tick();
}, 1_000);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    // Greengrass waits a while before it kills a component that does not exit: stay well within it.
    gateway
      .stop({ maxWaitMs: 5_000 })
      .catch((e: unknown) => log({ msg: "graceful stop failed", error: String(e) }))
      .finally(() => setup.transport.close().finally(() => process.exit(0)));
  });
}
