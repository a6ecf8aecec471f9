import {
  type AddToPrincipalPolicyResult,
  ManagedPolicy,
  type PolicyStatement,
  Role,
  type RoleProps,
} from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";

/**
 * A role whose every grant lands in one customer-managed policy attached to it, never in an
 * inline policy. HIPAA's iam-no-inline-policy control wants permissions in versioned, separately
 * auditable managed policies; CDK's grants (`queue.grantSendMessages(role)`, …) otherwise write an
 * inline `DefaultPolicy`. AWS-managed policies are not used (AwsSolutions-IAM4).
 */
export class ManagedPolicyRole extends Role {
  private policy?: ManagedPolicy;

  constructor(scope: Construct, id: string, props: Omit<RoleProps, "inlinePolicies" | "managedPolicies">) {
    super(scope, id, props);
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    if (!this.policy) {
      this.policy = new ManagedPolicy(this, "Policy", { roles: [this] });
    }
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
