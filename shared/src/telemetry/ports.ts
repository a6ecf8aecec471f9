/**
 * Side effects of the telemetry domain that are not the table: talking to a gateway and the thing
 * registry. The cloud implementations use IoT Core (functions/src/lib/iot-*.ts); the local ones the
 * platform's MQTT broker and its credential store.
 */

/** Downstream messages (configuration, replay requests) to one gateway. */
export interface GatewayLink {
  publish(
    target: { tenantId: string; thingName: string },
    kind: "config" | "replay-request",
    payload: object,
    opts?: { retain?: boolean },
  ): Promise<void>;
}

/** What a gateway needs to connect: an X.509 certificate in AWS, a broker password locally. */
export type GatewayCredentials =
  | {
      kind: "x509";
      thingName: string;
      certificateArn: string;
      certificatePem: string;
      privateKey: string;
      endpoint?: string;
    }
  | { kind: "password"; thingName: string; username: string; password: string; mqttUrl: string };

export interface ThingRegistry {
  /** Creates the thing (tagged with its tenant) if needed and issues new credentials bound to it. */
  issueCredentials(target: { tenantId: string; thingName: string }): Promise<GatewayCredentials>;
}
