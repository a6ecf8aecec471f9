import { AsyncLocalStorage } from "node:async_hooks";
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreateThingCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  IoTClient,
} from "@aws-sdk/client-iot";
import { IoTDataPlaneClient, PublishCommand } from "@aws-sdk/client-iot-data-plane";
import { conflict, type Telemetry } from "@medloop/shared";
import { type TopicKind, topicFor } from "@medloop/shared/device/topics";

type GatewayLink = Telemetry.GatewayLink;
type ThingRegistry = Telemetry.ThingRegistry;

/**
 * IoT Core behind the telemetry domain's ports. In AWS (MEDLOOP_GATEWAY_POLICY set by the CDK app)
 * things and certificates are made with the IoT control plane and messages go out through the
 * data plane; locally the platform runs each invocation inside its broker-backed ports
 * (infra/src/local/iot-ports.ts), which travel with the invocation's async context.
 */

export interface IotPorts {
  link: GatewayLink;
  registry: ThingRegistry;
}

let cloud: IotPorts | undefined;
const invocationPorts = new AsyncLocalStorage<IotPorts>();

/** Runs an invocation with the ports it reaches gateways through (the local platform's broker). */
export const withIotPorts = <T>(ports: IotPorts, invocation: () => T): T => invocationPorts.run(ports, invocation);

export function iotPorts(env = process.env): IotPorts {
  const local = invocationPorts.getStore();
  if (!env.MEDLOOP_GATEWAY_POLICY && local) return local;
  if (!env.MEDLOOP_GATEWAY_POLICY)
    throw new Error("No IoT: MEDLOOP_GATEWAY_POLICY is not set and no local broker is registered");
  cloud ??= cloudIotPorts(new IoTClient({}), env.MEDLOOP_GATEWAY_POLICY);
  return cloud;
}

export function cloudIotPorts(iot: IoTClient, policyName: string): IotPorts {
  let endpoint: Promise<string> | undefined;
  const dataEndpoint = () => {
    endpoint ??= iot.send(new DescribeEndpointCommand({ endpointType: "iot:Data-ATS" })).then((r) => {
      if (!r.endpointAddress) throw new Error("IoT returned no data endpoint");
      return r.endpointAddress;
    });
    return endpoint;
  };
  let data: IoTDataPlaneClient | undefined;
  return {
    link: {
      async publish(target, kind, payload, opts) {
        data ??= new IoTDataPlaneClient({ endpoint: `https://${await dataEndpoint()}` });
        await data.send(
          new PublishCommand({
            topic: topicFor(kind as TopicKind, target),
            qos: 1,
            retain: opts?.retain ?? false,
            payload: Buffer.from(JSON.stringify(payload)),
          }),
        );
      },
    },
    registry: {
      async issueCredentials({ tenantId, thingName }) {
        // The policy confines a connection to medloop/<tenantId attribute>/<thing name>/…
        await iot
          .send(new CreateThingCommand({ thingName, attributePayload: { attributes: { tenantId } } }))
          .catch(async (e: unknown) => {
            if ((e as Error).name !== "ResourceAlreadyExistsException") throw e;
            const existing = await iot.send(new DescribeThingCommand({ thingName }));
            if (existing.attributes?.tenantId !== tenantId) {
              throw conflict("thing-name-taken", `Thing ${thingName} exists and belongs to another tenant`);
            }
          });
        const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
        if (!cert.certificateArn || !cert.certificatePem || !cert.keyPair?.PrivateKey) {
          throw new Error("IoT returned an incomplete certificate");
        }
        await iot.send(new AttachPolicyCommand({ policyName, target: cert.certificateArn }));
        await iot.send(new AttachThingPrincipalCommand({ thingName, principal: cert.certificateArn }));
        return {
          kind: "x509",
          thingName,
          certificateArn: cert.certificateArn,
          certificatePem: cert.certificatePem,
          privateKey: cert.keyPair.PrivateKey,
          endpoint: await dataEndpoint(),
        };
      },
    },
  };
}
