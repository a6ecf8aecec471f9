import { TABLE_KEY_ACTIONS, TENANT_DATA_ACTIONS, TENANT_SESSION_TAG } from "@medloop/functions/lib/tenant-policy";
import { tenantKeyPattern } from "@medloop/shared/db/keys";
import type { TableDefinition } from "@medloop/shared/db/table";
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from "aws-cdk-lib/aws-backup";
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Schedule } from "aws-cdk-lib/aws-events";
import { AccountPrincipal, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { type AnchorStore, auditAnchorStore } from "./audit-anchors.ts";
import { acknowledge, logicalId } from "./common.ts";
import { TENANT_ACCESS_TAG } from "./handler-function.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { accessLogsBucket, SINGLE_REGION } from "./security.ts";

export interface DataStackProps extends StackProps {
  /** `tableDefinition("medloop")`: keys, GSIs, stream and TTL as the entities declare them. */
  table: TableDefinition;
  /** Object Lock default retention of audit anchors (COMPLIANCE mode: nobody can shorten it). */
  anchorRetention?: Duration;
}

/** The one table, its key and backups, and the role through which handlers reach one tenant's items. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly tableKey: Key;
  readonly tenantDataRole: ManagedPolicyRole;
  readonly auditAnchors: AnchorStore & { bucket: Bucket };

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const def = props.table;

    this.tableKey = new Key(this, "TableKey", {
      description: "MedLoop table, its stream and its backups",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, "Table", {
      tableName: def.tableName,
      partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
      sortKey: { name: def.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      stream: StreamViewType[def.stream],
      timeToLiveAttribute: def.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of def.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.name,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      });
    }

    this.backups(def.tableName);
    this.tenantDataRole = this.tenantRole();
    this.auditAnchors = auditAnchorStore(this, {
      logs: accessLogsBucket(this, "AccessLogs"),
      retention: props.anchorRetention,
    });
    acknowledge(this.auditAnchors.bucket, "HIPAA.Security-S3BucketReplicationEnabled", SINGLE_REGION);

    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "TenantDataRoleArn", { value: this.tenantDataRole.roleArn });
    new CfnOutput(this, "AuditAnchorBucket", { value: this.auditAnchors.bucket.bucketName });
  }

  /** PITR covers 35 days; AWS Backup keeps daily copies for 35 days and monthly ones for a year. */
  private backups(name: string) {
    const vault = new BackupVault(this, "BackupVault", {
      encryptionKey: this.tableKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, "BackupPlan", {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: "daily",
          scheduleExpression: Schedule.cron({ hour: "3", minute: "0" }),
          deleteAfter: Duration.days(35),
        }),
        new BackupPlanRule({
          ruleName: "monthly",
          scheduleExpression: Schedule.cron({ day: "1", hour: "4", minute: "0" }),
          deleteAfter: Duration.days(366),
        }),
      ],
    });
    const selection = plan.addSelection("Table", {
      backupSelectionName: `${name}-table`,
      resources: [BackupResource.fromDynamoDbTable(this.table)],
    });
    acknowledge(
      selection,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
      "AWS Backup's own service-role policy, maintained by AWS as the services it backs up change.",
    );
  }

  /**
   * Handlers assume this role per tenant. Trust: roles of this account tagged as handler roles,
   * with only the tenant session tag. Permissions: the table's items whose leading key is the
   * session's tenant (`t#${aws:PrincipalTag/medloop-tenant}#*`); the session policy from
   * tenantSessionPolicy() narrows the same way, so either alone confines the session.
   */
  private tenantRole(): ManagedPolicyRole {
    const role = new ManagedPolicyRole(this, "TenantDataRole", {
      description: "Per-request, per-tenant access to the MedLoop table (LeadingKeys t#<tenant>#)",
      assumedBy: new AccountPrincipal(this.account)
        .withConditions({
          StringEquals: { [`aws:PrincipalTag/${TENANT_ACCESS_TAG}`]: "true" },
          "ForAllValues:StringEquals": { "aws:TagKeys": [TENANT_SESSION_TAG] },
        })
        .withSessionTags(),
      maxSessionDuration: Duration.hours(1),
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "TenantItemsOnly",
        actions: [...TENANT_DATA_ACTIONS],
        resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
        conditions: {
          "ForAllValues:StringLike": {
            "dynamodb:LeadingKeys": [tenantKeyPattern(`\${aws:PrincipalTag/${TENANT_SESSION_TAG}}`)],
          },
          Null: { "dynamodb:LeadingKeys": "false" },
        },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "TableKeyThroughDynamoDb",
        actions: [...TABLE_KEY_ACTIONS],
        resources: [this.tableKey.keyArn],
        conditions: { StringLike: { "kms:ViaService": `dynamodb.${this.region}.amazonaws.com` } },
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(this.table)}.Arn>/index/*]`,
      "The table's GSIs (derived from the entities, so unknown here); the same LeadingKeys condition confines index queries to the tenant.",
    );
    for (const action of TABLE_KEY_ACTIONS.filter((a) => a.endsWith("*"))) {
      acknowledge(
        role,
        `AwsSolutions-IAM5[Action::${action}]`,
        "The KMS action family DynamoDB uses on the caller's behalf (as CDK's grantReadWriteData gives it); the resource is the one table key, and only via DynamoDB.",
      );
    }
    return role;
  }
}
