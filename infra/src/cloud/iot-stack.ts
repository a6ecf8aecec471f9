import type { CapabilityDeclaration, TopicRuleDeclaration } from "@medloop/functions/declaration/index";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnPolicy, CfnTopicRule } from "aws-cdk-lib/aws-iot";
import type { Construct } from "constructs";
import { pascal } from "./common.ts";
import { GatewayComponent, type GatewayDeployment } from "./gateway-component.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { GATEWAY_POLICY_NAME, grantIotAccess } from "./iot-access.ts";
import { gatewayPolicyDocument } from "./iot-policy.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { deadLetterQueue, grantQueueSend } from "./security.ts";

export interface IotStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  platform: HandlerPlatform;
  /** Tenants whose gateways get the Greengrass component (context `medloop:gatewayDeployments`). */
  gatewayDeployments?: readonly GatewayDeployment[];
}

/** IoT Core: the declared topic rules (SQL → Lambda, errors → SQS) and the gateway policy. */
export class IotStack extends Stack {
  readonly gatewayPolicy: CfnPolicy;

  constructor(scope: Construct, id: string, props: IotStackProps) {
    super(scope, id, props);

    this.gatewayPolicy = new CfnPolicy(this, "GatewayPolicy", {
      policyName: GATEWAY_POLICY_NAME,
      policyDocument: gatewayPolicyDocument(this),
    });

    for (const capability of props.capabilities) {
      for (const rule of capability.topicRules ?? []) this.topicRule(capability, rule, props.platform);
    }

    new CfnOutput(this, "GatewayPolicyName", { value: this.gatewayPolicy.ref });

    const component = new GatewayComponent(this, "GatewayComponent", { deployments: props.gatewayDeployments ?? [] });
    new CfnOutput(this, "GatewayComponentVersion", { value: component.componentVersion.attrComponentVersion });
  }

  private topicRule(capability: CapabilityDeclaration, rule: TopicRuleDeclaration, platform: HandlerPlatform) {
    const id = `${pascal(capability.name)}${pascal(rule.name)}`;
    const handler = HandlerFunction.for(this, {
      handler: rule.handler,
      description: rule.description,
      kind: "topic-rule",
      platform,
    });
    grantIotAccess(handler, rule.iot);
    const { fn } = handler;
    const errors = deadLetterQueue(this, `${id}Errors`);
    const errorRole = new ManagedPolicyRole(this, `${id}ErrorRole`, {
      assumedBy: new ServicePrincipal("iot.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": this.account } },
      }),
      description: `IoT rule ${rule.name}: error action to SQS`,
    });
    grantQueueSend(errorRole, errors);

    const topicRule = new CfnTopicRule(this, id, {
      topicRulePayload: {
        description: rule.description,
        sql: rule.sql,
        awsIotSqlVersion: "2016-03-23",
        ruleDisabled: false,
        actions: [{ lambda: { functionArn: fn.functionArn } }],
        // A message the Lambda action could not deliver is kept (with the failure) for replay.
        errorAction: { sqs: { queueUrl: errors.queueUrl, roleArn: errorRole.roleArn, useBase64: false } },
      },
    });
    fn.addPermission(`${id}Invoke`, {
      principal: new ServicePrincipal("iot.amazonaws.com"),
      sourceArn: topicRule.attrArn,
      sourceAccount: this.account,
    });
    // The rule's statement list references the role's policy: deploy the policy first.
    topicRule.node.addDependency(errorRole);
    platform.observed.queues.push({ label: `${capability.name}/${rule.name} (IoT rule errors)`, queue: errors });
  }
}
