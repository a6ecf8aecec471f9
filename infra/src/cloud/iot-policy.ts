import { TOPIC_ROOT } from "@medloop/shared/device/topics";
import { Stack } from "aws-cdk-lib";
import type { Construct } from "constructs";

export { TOPIC_ROOT };

/** IoT policy variables, substituted per connection by IoT Core (not by CloudFormation). */
export const THING_NAME = `\${iot:Connection.Thing.ThingName}`;
export const THING_TENANT = `\${iot:Connection.Thing.Attributes[tenantId]}`;

/**
 * The gateway's IoT policy template. IoT substitutes the policy variables per connection, so one
 * policy serves every gateway: a thing may connect only with its own name as client id, and may
 * publish, subscribe and receive only below `medloop/<its tenantId attribute>/<its name>/`.
 * The tenant comes from the thing's registry attribute (set at provisioning), never from the device.
 */
export function gatewayPolicyDocument(scope: Construct) {
  const stack = Stack.of(scope);
  const arn = (resource: string) => `arn:${stack.partition}:iot:${stack.region}:${stack.account}:${resource}`;
  const own = `${TOPIC_ROOT}/${THING_TENANT}/${THING_NAME}`;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ConnectAsItself",
        Effect: "Allow",
        Action: "iot:Connect",
        Resource: arn(`client/${THING_NAME}`),
        // The certificate must be attached to the thing whose name is the client id.
        Condition: { Bool: { "iot:Connection.Thing.IsAttached": "true" } },
      },
      { Sid: "PublishOwnTopics", Effect: "Allow", Action: "iot:Publish", Resource: arn(`topic/${own}/*`) },
      { Sid: "ReceiveOwnTopics", Effect: "Allow", Action: "iot:Receive", Resource: arn(`topic/${own}/*`) },
      { Sid: "SubscribeOwnTopics", Effect: "Allow", Action: "iot:Subscribe", Resource: arn(`topicfilter/${own}/*`) },
    ],
  };
}
