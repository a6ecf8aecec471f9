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
import { DomainError } from "@medloop/shared";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { cloudIotPorts } from "./iot.ts";

/** No AWS is reachable here: the IoT control and data planes are stubbed to check what we ask of them. */
const iot = mockClient(IoTClient);
const data = mockClient(IoTDataPlaneClient);
afterEach(() => {
  iot.reset();
  data.reset();
});

const target = { tenantId: "city-hospital", thingName: "city-hospital_icu-3" };
const cert = {
  certificateArn: "arn:aws:iot:eu-west-1:123456789012:cert/abc",
  certificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
  keyPair: { PrivateKey: "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", PublicKey: "x" },
};

describe("cloud IoT ports", () => {
  it("provision a thing tagged with its tenant, a certificate, the gateway policy and the binding, in that order", async () => {
    iot.on(DescribeEndpointCommand).resolves({ endpointAddress: "abc-ats.iot.eu-west-1.amazonaws.com" });
    iot.on(CreateThingCommand).resolves({ thingName: target.thingName });
    iot.on(CreateKeysAndCertificateCommand).resolves(cert);
    iot.on(AttachPolicyCommand).resolves({});
    iot.on(AttachThingPrincipalCommand).resolves({});

    const creds = await cloudIotPorts(
      new IoTClient({ region: "eu-west-1" }),
      "medloop-gateway",
    ).registry.issueCredentials(target);

    expect(creds).toEqual({
      kind: "x509",
      thingName: target.thingName,
      certificateArn: cert.certificateArn,
      certificatePem: cert.certificatePem,
      privateKey: cert.keyPair.PrivateKey,
      endpoint: "abc-ats.iot.eu-west-1.amazonaws.com",
    });
    expect(iot.commandCalls(CreateThingCommand)[0]?.args[0].input).toEqual({
      thingName: target.thingName,
      attributePayload: { attributes: { tenantId: "city-hospital" } },
    });
    expect(iot.commandCalls(CreateKeysAndCertificateCommand)[0]?.args[0].input).toEqual({ setAsActive: true });
    expect(iot.commandCalls(AttachPolicyCommand)[0]?.args[0].input).toEqual({
      policyName: "medloop-gateway",
      target: cert.certificateArn,
    });
    expect(iot.commandCalls(AttachThingPrincipalCommand)[0]?.args[0].input).toEqual({
      thingName: target.thingName,
      principal: cert.certificateArn,
    });
  });

  it("issue a new certificate for a thing of the same tenant, and refuse a thing name another tenant holds", async () => {
    const exists = Object.assign(new Error("exists"), { name: "ResourceAlreadyExistsException" });
    iot.on(DescribeEndpointCommand).resolves({ endpointAddress: "e" });
    iot.on(CreateThingCommand).rejects(exists);
    iot.on(CreateKeysAndCertificateCommand).resolves(cert);
    iot.on(DescribeThingCommand).resolves({ attributes: { tenantId: "city-hospital" } });
    const ports = cloudIotPorts(new IoTClient({ region: "eu-west-1" }), "medloop-gateway");
    await expect(ports.registry.issueCredentials(target)).resolves.toMatchObject({ kind: "x509" });

    iot.on(DescribeThingCommand).resolves({ attributes: { tenantId: "river-hospital" } });
    iot.resetHistory();
    const refused = await ports.registry.issueCredentials(target).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("thing-name-taken");
    expect(iot.commandCalls(CreateKeysAndCertificateCommand)).toHaveLength(0);
  });

  it("publish to the gateway's own topic on the ATS data endpoint, QoS 1, retained when asked", async () => {
    iot.on(DescribeEndpointCommand).resolves({ endpointAddress: "abc-ats.iot.eu-west-1.amazonaws.com" });
    data.on(PublishCommand).resolves({});
    const ports = cloudIotPorts(new IoTClient({ region: "eu-west-1" }), "medloop-gateway");
    await ports.link.publish(target, "config", { schema: 1, version: 3 }, { retain: true });
    await ports.link.publish(target, "replay-request", { schema: 1, fromSeq: 17 });

    const calls = data.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.topic, c.qos, c.retain, Buffer.from(c.payload as Uint8Array).toString()])).toEqual([
      ["medloop/city-hospital/city-hospital_icu-3/config", 1, true, '{"schema":1,"version":3}'],
      ["medloop/city-hospital/city-hospital_icu-3/replay-request", 1, false, '{"schema":1,"fromSeq":17}'],
    ]);
    expect(iot.commandCalls(DescribeEndpointCommand)).toHaveLength(1);
    expect(iot.commandCalls(DescribeEndpointCommand)[0]?.args[0].input).toEqual({ endpointType: "iot:Data-ATS" });
  });
});
