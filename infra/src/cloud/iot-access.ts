import type { IotAccess } from "@medloop/functions/declaration/types";
import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { acknowledge } from "./common.ts";
import type { HandlerFunction } from "./handler-function.ts";
import { TOPIC_ROOT } from "./iot-policy.ts";

/** The one IoT policy every gateway certificate gets (iot-stack.ts creates it under this name). */
export const GATEWAY_POLICY_NAME = "medloop-gateway";

/**
 * Grants a handler the IoT access its declaration asks for, and tells it the gateway policy's name
 * (functions/src/lib/iot.ts switches to IoT Core when it is set).
 */
export function grantIotAccess(handler: HandlerFunction, access: readonly IotAccess[] | undefined): void {
  if (!access?.length) return;
  const stack = Stack.of(handler);
  const arn = (resource: string) => `arn:${stack.partition}:iot:${stack.region}:${stack.account}:${resource}`;
  // The same ARN as cdk-nag spells it in a finding id (pseudo parameters in angle brackets).
  const nagArn = (resource: string) => `arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:${resource}`;
  handler.fn.addEnvironment("MEDLOOP_GATEWAY_POLICY", GATEWAY_POLICY_NAME);
  handler.role.addToPrincipalPolicy(
    new PolicyStatement({ sid: "FindDataEndpoint", actions: ["iot:DescribeEndpoint"], resources: ["*"] }),
  );
  acknowledge(
    handler.role,
    "AwsSolutions-IAM5[Resource::*]",
    "iot:DescribeEndpoint has no resource-level permissions (it names the account's endpoint); CreateKeysAndCertificate neither: the certificate does not exist before the call.",
  );
  if (access.includes("publish-to-gateways")) {
    const topics = ["config", "replay-request"].map((kind) => `topic/${TOPIC_ROOT}/*/*/${kind}`);
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "PublishToGateways",
        actions: ["iot:Publish", "iot:RetainPublish"],
        resources: topics.map((t) => arn(t)),
      }),
    );
    for (const t of topics) {
      acknowledge(
        handler.role,
        `AwsSolutions-IAM5[Resource::${nagArn(t)}]`,
        "Any tenant's gateway may be sent a configuration or replay request: the tenant comes from the caller's token or the topic of the message being answered; only the two downstream kinds are allowed.",
      );
    }
  }
  if (access.includes("provision-gateways")) {
    const things = "thing/*";
    const certs = "cert/*";
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "ProvisionGateways",
        actions: ["iot:CreateThing", "iot:DescribeThing", "iot:AttachThingPrincipal"],
        resources: [arn(things)],
      }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: "IssueCertificates", actions: ["iot:CreateKeysAndCertificate"], resources: ["*"] }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "AttachGatewayPolicy",
        actions: ["iot:AttachPolicy"],
        resources: [arn(certs)],
      }),
    );
    for (const r of [things, certs]) {
      acknowledge(
        handler.role,
        `AwsSolutions-IAM5[Resource::${nagArn(r)}]`,
        "Things are named <tenantId>_<gatewayId> and created on demand, certificates have generated ids: neither is known at deploy time. Only the gateway policy's actions are allowed.",
      );
    }
  }
}
