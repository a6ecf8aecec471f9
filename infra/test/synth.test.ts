import { capabilities, forRuntime } from "@medloop/functions/declaration/index";
import { TENANT_SESSION_TAG, tenantSessionPolicy, tenantSessionTags } from "@medloop/functions/lib/tenant-policy";
import { UPSTREAM_TOPICS } from "@medloop/shared/device/topics";
import { Validations } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack } from "cdk-nag";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STACK_NAMES } from "../src/cloud/app.ts";
import { routeKey } from "../src/cloud/capability-routes.ts";
import { TENANT_ACCESS_TAG } from "../src/cloud/handler-function.ts";
import { RESOURCES_PER_HANDLER, ROUTE_STACK_BUDGET, routeParts } from "../src/cloud/route-parts.ts";
import { resourcesOfType, type Synthesized, synthesize } from "./synth-app.ts";

const EXAMPLE_DEPLOYMENT = {
  tenantId: "acme-med",
  thingGroup: "medloop-acme-med-gateways",
  deidentificationSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:medloop/acme-med/deid-AbCdEf",
};

// One synth of the real declaration, with cdk-nag's AWS Solutions and HIPAA Security packs active,
// shared by every assertion in this file.
let synth: Synthesized;
beforeAll(async () => {
  synth = await synthesize(capabilities, { context: { "medloop:gatewayDeployments": [EXAMPLE_DEPLOYMENT] } });
  console.info(`synth of the declaration (bundling, cdk-nag, CloudFormation validation): ${Math.round(synth.ms)} ms`);
});
afterAll(() => synth?.cleanup());

type Statement = { Action: string | string[]; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const policyStatements = (properties: Record<string, unknown>) =>
  (properties.PolicyDocument as { Statement: Statement[] }).Statement;

describe("cdk-nag", () => {
  it("passes the AWS Solutions and HIPAA Security packs: every finding is fixed or acknowledged", () => {
    // synthesize() throws with the list of unacknowledged findings; reaching here means none.
    expect(synth.built.app.node.children.length).toBeGreaterThan(0);
  });

  it("acknowledges only findings that exist (no stale suppressions) and every one carries a reason", () => {
    // Run the packs with acknowledgements ignored, then match each acknowledgement to a raw finding.
    const proto = NagPack.prototype as unknown as { isAcknowledged: unknown };
    const original = proto.isAcknowledged;
    const raw: { rule: string; path: string }[] = [];
    try {
      proto.isAcknowledged = () => false;
      for (const pack of [new AwsSolutionsChecks(), new HIPAASecurityChecks()]) {
        for (const v of pack.validateScope(synth.built.app).violations) {
          for (const r of v.violatingResources) raw.push({ rule: v.ruleName, path: r.constructPath ?? "" });
        }
      }
    } finally {
      proto.isAcknowledged = original;
    }
    const acks = synth.built.app.node.findAll().flatMap((c: IConstruct) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
            path: c.node.path,
            id: id.replace(/^annotation::/i, ""),
            reason,
          })),
        ),
    );
    const stale = acks.filter(
      (a) => !raw.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))),
    );
    expect(stale.map((a) => `${a.path}: ${a.id}`)).toEqual([]);
    for (const a of acks) expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(30);
  });
});

// CloudFormation refuses a template over 500 resources, 200 parameters or 200 outputs, and over
// 1 MB from S3. The margins leave room for the routes to triple before a stack needs splitting.
const LIMITS = { resources: 400, parameters: 200, outputs: 200, kilobytes: 800 };

describe("CloudFormation limits", () => {
  it("keeps every stack and nested stack well under the resource, parameter, output and size limits", () => {
    const rows = synth.deployed.map(({ path, template, bytes }) => ({
      stack: path,
      resources: Object.keys(template.Resources).length,
      parameters: Object.keys(template.Parameters ?? {}).length,
      outputs: Object.keys(template.Outputs ?? {}).length,
      kilobytes: Math.ceil(bytes / 1024),
    }));
    console.log(
      [
        "stack                                     resources  params  outputs      KB",
        ...rows.map(
          (r) =>
            `${r.stack.padEnd(42)}${String(r.resources).padStart(9)}${String(r.parameters).padStart(8)}` +
            `${String(r.outputs).padStart(9)}${String(r.kilobytes).padStart(8)}`,
        ),
      ].join("\n"),
    );
    for (const r of rows) {
      expect(r.resources, `${r.stack} resources`).toBeLessThanOrEqual(LIMITS.resources);
      expect(r.parameters, `${r.stack} parameters`).toBeLessThanOrEqual(LIMITS.parameters);
      expect(r.outputs, `${r.stack} outputs`).toBeLessThanOrEqual(LIMITS.outputs);
      expect(r.kilobytes, `${r.stack} template size`).toBeLessThan(LIMITS.kilobytes);
    }
    // The split's estimate holds: no nested stack of routes is over the budget it was filled to.
    for (const nested of synth.deployed.filter((d) => d.path.startsWith(`${STACK_NAMES.api}/`))) {
      expect(Object.keys(nested.template.Resources).length, nested.path).toBeLessThanOrEqual(ROUTE_STACK_BUDGET);
    }
  });

  it("splits a capability with three times the routes into nested stacks within the budget, a handler's routes together", () => {
    const largest = [...capabilities].sort((a, b) => (b.routes?.length ?? 0) - (a.routes?.length ?? 0))[0]!;
    const tripled = {
      ...largest,
      routes: [1, 2, 3].flatMap((n) =>
        (largest.routes ?? []).map((r) => ({ ...r, path: `/v${n}${r.path}`, handler: `${r.handler}-${n}` })),
      ),
    };
    const parts = routeParts([tripled]);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.routes)).toHaveLength(tripled.routes.length);
    for (const part of parts) {
      const handlers = new Set(part.routes.map((r) => r.handler));
      expect(part.routes.length + handlers.size * RESOURCES_PER_HANDLER, part.id).toBeLessThanOrEqual(
        ROUTE_STACK_BUDGET,
      );
      for (const other of parts.filter((p) => p !== part)) {
        expect(
          other.routes.filter((r) => handlers.has(r.handler)),
          `${part.id} / ${other.id}`,
        ).toEqual([]);
      }
    }
  });
});

describe("data", () => {
  it("keeps the one table on demand, PITR, encrypted with a rotating customer key, streaming both images, with TTL", () => {
    const data = synth.templates.data;
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "medloop",
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: Match.anyValue() },
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
    });
    for (const key of resourcesOfType(synth, "AWS::KMS::Key")) {
      expect(key.properties.EnableKeyRotation, `${key.stack}/${key.logicalId}`).toBe(true);
    }
    data.resourceCountIs("AWS::Backup::BackupSelection", 1);
  });

  it("confines the tenant data role to t#<session tenant>#… and lets only tagged handler roles assume it", () => {
    const data = synth.templates.data;
    data.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
              StringEquals: { [`aws:PrincipalTag/${TENANT_ACCESS_TAG}`]: "true" },
              "ForAllValues:StringEquals": { "aws:TagKeys": [TENANT_SESSION_TAG] },
            },
          }),
        ],
      },
    });
    data.hasResourceProperties("AWS::IAM::ManagedPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: "TenantItemsOnly",
            Action: Match.not(Match.arrayWith(["dynamodb:Scan"])),
            Condition: {
              "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`t#\${aws:PrincipalTag/${TENANT_SESSION_TAG}}#*`] },
              Null: { "dynamodb:LeadingKeys": "false" },
            },
          }),
        ]),
      },
    });
  });

  it("writes the session policy a handler passes to AssumeRole", () => {
    const tableArn = "arn:aws:dynamodb:eu-west-1:111122223333:table/medloop";
    const policy = tenantSessionPolicy(tableArn, "acme");
    expect(policy.Statement[0]).toMatchObject({
      Resource: [tableArn, `${tableArn}/index/*`],
      Condition: {
        "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["t#acme#*"] },
        Null: { "dynamodb:LeadingKeys": "false" },
      },
    });
    expect(policy.Statement[0]!.Action).not.toContain("dynamodb:Scan");
    expect(JSON.stringify(policy).length).toBeLessThan(2048);
    expect(tenantSessionTags("acme")).toEqual([{ Key: TENANT_SESSION_TAG, Value: "acme" }]);
    for (const bad of ["a*", "acme#x", "a?", "", "t#"]) expect(() => tenantSessionPolicy(tableArn, bad)).toThrow();
  });

  it("gives no handler role direct item access to the table", () => {
    // Stream reads (GetRecords, GetShardIterator, DescribeStream) are not item access.
    const itemActions =
      /^dynamodb:(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|Batch\w*|ConditionCheckItem|Transact\w*|PartiQL\w*|\*)$/;
    for (const policy of resourcesOfType(synth, "AWS::IAM::ManagedPolicy")) {
      if (policy.stack === "data") continue; // the tenant data role itself
      for (const statement of policyStatements(policy.properties)) {
        const direct = actionsOf(statement).filter((a) => itemActions.test(a));
        expect(direct, `${policy.stack}/${policy.logicalId}`).toEqual([]);
      }
    }
  });
});

describe("functions", () => {
  it("runs every Lambda on Node.js 22, arm64, with reserved concurrency and an encrypted log group", () => {
    const functions = resourcesOfType(synth, "AWS::Lambda::Function");
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      const where = `${fn.stack}/${fn.logicalId}`;
      expect(fn.properties.Runtime, where).toBe("nodejs22.x");
      expect(fn.properties.Architectures, where).toEqual(["arm64"]);
      expect(fn.properties.ReservedConcurrentExecutions, where).toBeGreaterThan(0);
      expect((fn.properties.LoggingConfig as { LogGroup?: unknown })?.LogGroup, where).toBeDefined();
    }
    for (const group of resourcesOfType(synth, "AWS::Logs::LogGroup")) {
      expect(group.properties.KmsKeyId, `${group.stack}/${group.logicalId}`).toBeDefined();
      expect(group.properties.RetentionInDays, `${group.stack}/${group.logicalId}`).toBeGreaterThan(0);
    }
  });

  it("tells handlers where the table and the tenant data role are", () => {
    synth.templates.api.hasResourceProperties("AWS::Lambda::Function", {
      Description: Match.stringLikeRegexp("^GET /v1/users:"),
      Environment: {
        Variables: Match.objectLike({
          MEDLOOP_TABLE: Match.anyValue(),
          MEDLOOP_TABLE_ARN: Match.anyValue(),
          TENANT_DATA_ROLE_ARN: Match.anyValue(),
        }),
      },
    });
  });
});

describe("api", () => {
  it("puts the JWT authoriser on every declared route except the public ones", () => {
    const declared = forRuntime(capabilities, "cloud").flatMap((c) => c.routes ?? []);
    const routes = resourcesOfType(synth, "AWS::ApiGatewayV2::Route");
    expect(routes.map((r) => r.properties.RouteKey).sort()).toEqual(declared.map(routeKey).sort());
    for (const declaredRoute of declared) {
      const route = routes.find((r) => r.properties.RouteKey === routeKey(declaredRoute))!;
      if (declaredRoute.roles === "public") {
        expect(route.properties.AuthorizationType, routeKey(declaredRoute)).toBe("NONE");
        expect(route.properties.AuthorizerId, routeKey(declaredRoute)).toBeUndefined();
      } else {
        expect(route.properties.AuthorizationType, routeKey(declaredRoute)).toBe("JWT");
        expect(route.properties.AuthorizerId, routeKey(declaredRoute)).toBeDefined();
      }
    }
    synth.templates.api.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      JwtConfiguration: { Issuer: Match.anyValue(), Audience: Match.anyValue() },
    });
    synth.templates.api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it("keeps tenant and roles out of what users may write to their own profile", () => {
    // The portal's client and the signing client; neither may write a custom attribute.
    const clients = resourcesOfType(synth, "AWS::Cognito::UserPoolClient");
    expect(clients).toHaveLength(2);
    for (const client of clients) {
      const writable = client.properties.WriteAttributes as string[];
      expect(writable.filter((a) => a.startsWith("custom:"))).toEqual([]);
    }
    synth.templates.identity.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "ON",
      AliasAttributes: ["preferred_username"],
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0" } },
    });
  });

  it("signs people in through Cognito only: the local password login is not deployed", () => {
    const keys = resourcesOfType(synth, "AWS::ApiGatewayV2::Route").map((r) => r.properties.RouteKey);
    expect(keys).not.toContain("POST /v1/auth/login");
    expect(keys).toContain("GET /v1/me");
  });

  it("lets only the directory sync manage Cognito users, and never delete them or set passwords", () => {
    const statements = resourcesOfType(synth, "AWS::IAM::ManagedPolicy").flatMap(
      (p) => (p.properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
    );
    const cognito = statements
      .flatMap((st) => [st.Action].flat())
      .filter((a) => a.startsWith("cognito-idp:") && a !== "cognito-idp:AdminInitiateAuth");
    expect(cognito.sort()).toEqual(
      [
        "cognito-idp:AdminCreateUser",
        "cognito-idp:AdminDisableUser",
        "cognito-idp:AdminEnableUser",
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminUpdateUserAttributes",
        "cognito-idp:AdminUserGlobalSignOut",
      ].sort(),
    );
    synth.templates.events.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { "detail-type": Match.arrayWith(["Tenant.UserCreated.v1", "Tenant.UserDisabled.v1"]) },
    });
  });

  it("lets exactly the handlers of signing routes re-check a password, through the signing client", () => {
    const signing = new Set(
      forRuntime(capabilities, "cloud").flatMap((c) => (c.routes ?? []).filter((r) => r.signs).map((r) => r.handler)),
    );
    const policies = resourcesOfType(synth, "AWS::IAM::ManagedPolicy").filter((p) =>
      policyStatements(p.properties).some((st) => actionsOf(st).includes("cognito-idp:AdminInitiateAuth")),
    );
    expect(policies).toHaveLength(signing.size);
    const withClient = resourcesOfType(synth, "AWS::Lambda::Function").filter(
      (f) => (f.properties.Environment as { Variables?: Record<string, unknown> })?.Variables?.SIGNING_CLIENT_ID,
    );
    expect(withClient).toHaveLength(signing.size);
    synth.templates.identity.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      GenerateSecret: false,
    });
  });
});

describe("events, streams and queues", () => {
  it("encrypts every queue with a customer key and refuses non-TLS access", () => {
    const queues = resourcesOfType(synth, "AWS::SQS::Queue");
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) expect(queue.properties.KmsMasterKeyId, queue.logicalId).toBeDefined();
    const policies = resourcesOfType(synth, "AWS::SQS::QueuePolicy");
    for (const queue of queues) {
      const guarded = policies.some(
        (p) =>
          p.template === queue.template &&
          JSON.stringify(p.properties.Queues).includes(queue.logicalId) &&
          policyStatements(p.properties).some(
            (s) =>
              (s as { Effect?: string }).Effect === "Deny" &&
              JSON.stringify(s.Condition ?? {}).includes('"aws:SecureTransport":"false"'),
          ),
      );
      expect(guarded, `${queue.stack}/${queue.logicalId} enforces TLS`).toBe(true);
    }
  });

  it("relays outbox inserts through a Pipe with the Lambda as enrichment and the bus as target", () => {
    const relays = capabilities.flatMap((c) => c.streams ?? []).filter((s) => s.mode === "pipe-enrichment");
    synth.templates.events.resourceCountIs("AWS::Pipes::Pipe", relays.length);
    if (!relays.length) return;
    synth.templates.events.hasResourceProperties("AWS::Pipes::Pipe", {
      Enrichment: Match.anyValue(),
      SourceParameters: {
        DynamoDBStreamParameters: Match.objectLike({
          OnPartialBatchItemFailure: "AUTOMATIC_BISECT",
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ["INSERT"],
                dynamodb: { NewImage: { __edb_e__: { S: ["outbox"] } } },
              }),
            },
          ],
        },
      },
      TargetParameters: {
        InputTemplate: "<$.detail>",
        EventBridgeEventBusParameters: { DetailType: "$.detailType", Source: "$.source" },
      },
    });
  });

  it("maps event-source consumers with bisect, partial-batch failures and a failure queue", () => {
    const consumers = capabilities.flatMap((c) => c.streams ?? []).filter((s) => s.mode === "event-source");
    synth.templates.events.resourceCountIs("AWS::Lambda::EventSourceMapping", consumers.length);
    if (!consumers.length) return;
    synth.templates.events.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: Match.arrayWith([{ Pattern: Match.stringLikeRegexp("anything-but.*outbox") }]) },
    });
  });
});

describe("schedules and buckets", () => {
  it("keeps audit anchors under Object Lock in COMPLIANCE mode, versioned, KMS-encrypted, logged", () => {
    synth.templates.data.hasResourceProperties("AWS::S3::Bucket", {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: "Enabled",
        Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: Match.anyValue() } },
      },
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: "aws:kms" }) }),
        ],
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });

  it("schedules every declared schedule through EventBridge Scheduler", () => {
    const declared = capabilities.flatMap((c) => c.schedules ?? []);
    const schedules = resourcesOfType(synth, "AWS::Scheduler::Schedule");
    expect(schedules.map((s) => s.properties.ScheduleExpression).sort()).toEqual(
      declared.map((s) => s.expression).sort(),
    );
  });

  it("gives the anchor bucket to exactly the functions that declare anchors: writers put, the verify route only reads", () => {
    const declared = new Map(
      capabilities.flatMap((c) =>
        [...(c.routes ?? []), ...(c.streams ?? []), ...(c.schedules ?? [])]
          .filter((x) => x.anchors)
          .map((x) => [`Runs functions/src/${x.handler}`, x.anchors] as const),
      ),
    );
    expect([...declared.values()].sort()).toEqual(["read", "write", "write"]);
    type Fn = { Environment?: { Variables?: Record<string, unknown> }; Role: { "Fn::GetAtt": [string] } };
    type Policy = { Roles: unknown; PolicyDocument: { Statement: { Action: string | string[] }[] } };
    const roles = resourcesOfType(synth, "AWS::IAM::Role");
    const policies = resourcesOfType(synth, "AWS::IAM::ManagedPolicy");
    const given = resourcesOfType(synth, "AWS::Lambda::Function")
      .filter((f) => (f.properties as Fn).Environment?.Variables?.AUDIT_ANCHOR_BUCKET)
      .map((f) => {
        const roleId = (f.properties as Fn).Role["Fn::GetAtt"][0];
        const role = roles.find((r) => r.template === f.template && r.logicalId === roleId)!;
        const actions = policies
          .filter((p) => p.template === f.template && JSON.stringify(p.properties.Roles).includes(`"${roleId}"`))
          .flatMap((p) => (p.properties as Policy).PolicyDocument.Statement.flatMap((st) => st.Action));
        return [role.properties.Description, actions.includes("s3:PutObject") ? "write" : "read"] as const;
      });
    expect(new Map(given)).toEqual(declared);
  });

  it("lets exactly the subscriptions that declare mail send it, from the configured sender's identity only", () => {
    const declared = capabilities
      .flatMap((c) => c.subscriptions ?? [])
      .filter((s) => s.needs?.includes("mail"))
      .map((s) => `Runs functions/src/${s.handler}`);
    expect(declared).toEqual(["Runs functions/src/subscriptions/dispatch"]);
    type Fn = { Environment?: { Variables?: Record<string, unknown> }; Role: { "Fn::GetAtt": [string] } };
    type Statement = { Action: string | string[]; Resource: unknown };
    const roles = resourcesOfType(synth, "AWS::IAM::Role");
    const policies = resourcesOfType(synth, "AWS::IAM::ManagedPolicy");
    const senders = resourcesOfType(synth, "AWS::Lambda::Function").flatMap((f) => {
      const roleId = (f.properties as Fn).Role["Fn::GetAtt"][0];
      const statements = policies
        .filter((p) => p.template === f.template && JSON.stringify(p.properties.Roles).includes(`"${roleId}"`))
        .flatMap((p) => (p.properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((st) => [st.Action].flat().some((a) => a.startsWith("ses:")));
      const from = (f.properties as Fn).Environment?.Variables?.MEDLOOP_MAIL_FROM;
      if (!statements.length && !from) return [];
      const role = roles.find((r) => r.template === f.template && r.logicalId === roleId)!;
      return [{ fn: role.properties.Description, from, statements }];
    });
    expect(senders.map((s) => s.fn)).toEqual(declared);
    expect(senders[0]!.from).toBe("MedLoop <no-reply@medloop.example>");
    expect(senders[0]!.statements.map((st) => st.Action)).toEqual(["ses:SendEmail"]);
    expect(JSON.stringify(senders[0]!.statements[0]!.Resource)).toContain(":identity/medloop.example");
  });
});

describe("iot", () => {
  it("confines a gateway to its own thing name and its tenant's topic subtree", () => {
    const own = `medloop/\${iot:Connection.Thing.Attributes[tenantId]}/\${iot:Connection.Thing.ThingName}`;
    const policy = resourcesOfType(synth, "AWS::IoT::Policy")[0]!;
    const text = JSON.stringify(policy.properties.PolicyDocument);
    expect(text).toContain(`topic/${own}/*`);
    expect(text).toContain(`topicfilter/${own}/*`);
    expect(text).toContain(`client/\${iot:Connection.Thing.ThingName}`);
    expect(text).not.toMatch(/"Resource":"\*"/);
  });
});

describe("edge gateways in the IoT stack", () => {
  it("has one topic rule per gateway-to-cloud topic, with the wire contract's SQL, into the ingest function", () => {
    const rules = resourcesOfType(synth, "AWS::IoT::TopicRule").map(
      (r) => (r.properties.TopicRulePayload as { Sql: string }).Sql,
    );
    const expected = UPSTREAM_TOPICS.map((t) => t.rule?.sql);
    expect(rules.sort()).toEqual([...expected].sort());
    expect(rules.every((sql) => sql.startsWith("SELECT encode(*, 'base64') AS payload"))).toBe(true);
  });

  it("publishes the component with its recipe and artifact, and deploys it to the tenant's thing group", () => {
    const [component] = resourcesOfType(synth, "AWS::GreengrassV2::ComponentVersion");
    const recipe = JSON.stringify(component?.properties.InlineRecipe);
    expect(recipe).toContain("com.medloop.gateway");
    expect(recipe).not.toContain("BUCKET_NAME");
    // The artifact is the bundled program in the CDK asset bucket; the entry point is in the folder
    // Greengrass unpacks that zip into.
    expect(recipe).toMatch(/assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}/);
    const zip = /\/([0-9a-f]{64})\.zip/.exec(recipe)?.[1];
    expect(zip).toBeDefined();
    expect(recipe).toContain(`{artifacts:decompressedPath}/${zip}/main.mjs`);
    const [deployment] = resourcesOfType(synth, "AWS::GreengrassV2::Deployment");
    const components = deployment?.properties.Components as Record<string, { ConfigurationUpdate?: { Merge: string } }>;
    expect(JSON.parse(components["com.medloop.gateway"]?.ConfigurationUpdate?.Merge ?? "{}")).toEqual({
      tenantId: "acme-med",
      deidentificationSecretArn: EXAMPLE_DEPLOYMENT.deidentificationSecretArn,
    });
    expect(deployment?.properties.DeploymentPolicies).toMatchObject({ FailureHandlingPolicy: "ROLLBACK" });
    const [group] = resourcesOfType(synth, "AWS::IoT::ThingGroup");
    expect(group?.properties.ThingGroupName).toBe("medloop-acme-med-gateways");
  });

  it("lets the ingest function publish only the downstream kinds, and the credentials route provision things", () => {
    const policies = resourcesOfType(synth, "AWS::IAM::ManagedPolicy").flatMap((p) => policyStatements(p.properties));
    const publish = policies.filter((s) => actionsOf(s).includes("iot:Publish"));
    expect(publish.length).toBeGreaterThanOrEqual(2);
    for (const s of publish) {
      expect(JSON.stringify(s.Resource)).toMatch(/topic\/medloop\/\*\/\*\/(config|replay-request)/);
      expect(JSON.stringify(s.Resource)).not.toMatch(/telemetry-aggregate|alert|state/);
    }
    expect(policies.some((s) => actionsOf(s).includes("iot:CreateKeysAndCertificate"))).toBe(true);
    const [gatewayPolicy] = resourcesOfType(synth, "AWS::IoT::Policy");
    expect(gatewayPolicy?.properties.PolicyName).toBe("medloop-gateway");
  });
});
