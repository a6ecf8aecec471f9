import type { CapabilityDeclaration, RouteDeclaration } from "@medloop/functions/declaration/index";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { Auth } from "./auth.ts";
import { acknowledge, HandlerEnv, handlerId, logicalId } from "./common.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { grantIotAccess } from "./iot-access.ts";
import { accessLogsBucket, encryptedLogGroup, secureBucket, stackKey } from "./security.ts";

export interface ApiStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  platform: HandlerPlatform;
  /** The user pool whose tokens the JWT authoriser accepts (IdentityStack). */
  auth: Auth;
  /** Steady-state requests per second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** Route key as API Gateway writes it: `GET /v1/users/{userId}`. */
export const routeKey = (r: RouteDeclaration) => `${r.method} ${r.path}`;

/**
 * The HTTP API: one Lambda per declared route handler, the Cognito JWT authoriser on every route
 * except those declared `roles: "public"`. Role checks stay in the handler (`withHttp`), where the
 * local gateway applies them too; the authoriser proves the token.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly auth: Auth;
  /** Uploaded master-data documents (certificate scans), under `documents/<tenant>/…`. */
  readonly documents: Bucket;
  private readonly documentHandlers: Set<string>;
  private readonly signingHandlers: Set<string>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.auth = props.auth;
    const platform: HandlerPlatform = props.platform;

    this.api = new HttpApi(this, "Api", {
      description: "MedLoop HTTP API (routes from functions/src/declaration)",
      createDefaultStage: false,
    });
    const accessLogs = encryptedLogGroup(this, "AccessLogs");
    const throttle = props.throttle ?? { rateLimit: 200, burstLimit: 400 };
    new HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            route: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationError: "$context.integrationErrorMessage",
            authorizerError: "$context.authorizer.error",
            tenant: "$context.authorizer.claims.tid",
            user: "$context.authorizer.claims.uid",
          }),
        ),
      },
    });

    this.documents = secureBucket(this, "Documents", {
      logs: accessLogsBucket(this, "DocumentAccessLogs"),
      logPrefix: "documents/",
    });
    acknowledge(
      this.documents,
      "HIPAA.Security-S3BucketReplicationEnabled",
      "Single-region deployment for now; durability is S3's eleven nines and versioning. Cross-region replication comes with the DR region.",
    );
    // A function serving several routes gets the bucket if any of its routes declares `documents`.
    this.documentHandlers = new Set(
      props.capabilities.flatMap((c) => (c.routes ?? []).filter((r) => r.documents).map((r) => r.handler)),
    );

    this.signingHandlers = new Set(
      props.capabilities.flatMap((c) => (c.routes ?? []).filter((r) => r.signs).map((r) => r.handler)),
    );

    const jwt = new HttpUserPoolAuthorizer("Cognito", this.auth.userPool, {
      userPoolClients: [this.auth.client],
      identitySource: ["$request.header.Authorization"],
    });
    const none = new HttpNoneAuthorizer();

    for (const capability of props.capabilities) {
      for (const route of capability.routes ?? []) {
        this.addRoute(route, route.roles === "public" ? none : jwt, platform);
      }
    }

    platform.observed.apis.push({ label: "MedLoop HTTP API", api: this.api });
    new CfnOutput(this, "ApiUrl", { value: this.api.apiEndpoint });
  }

  private addRoute(route: RouteDeclaration, authorizer: IHttpRouteAuthorizer, platform: HandlerPlatform) {
    const documents = this.documentHandlers.has(route.handler);
    const signs = this.signingHandlers.has(route.handler);
    const fresh = !this.node.tryFindChild(handlerId(route.handler));
    const handler = HandlerFunction.for(this, {
      handler: route.handler,
      description: `${routeKey(route)}: ${route.summary}`,
      kind: "http",
      platform,
      environment: {
        ...(documents && { [HandlerEnv.documentsBucket]: this.documents.bucketName }),
        ...(signs && {
          [HandlerEnv.signingUserPoolId]: this.auth.userPool.userPoolId,
          [HandlerEnv.signingClientId]: this.auth.signingClient.userPoolClientId,
        }),
      },
    });
    if (documents && fresh) this.grantDocuments(handler);
    if (signs && fresh) {
      handler.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ["cognito-idp:AdminInitiateAuth"],
          resources: [this.auth.userPool.userPoolArn],
        }),
      );
    }
    grantIotAccess(handler, route.iot);
    const { fn } = handler;
    const [created] = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.method}${route.path}`, fn),
      authorizer,
    });
    if (route.roles === "public" && created) {
      acknowledge(
        created,
        "AwsSolutions-APIG4",
        `Declared public (${routeKey(route)}: ${route.summary}); it must work before a token exists; the handler validates its input with zod and the stage throttle bounds it.`,
      );
    }
  }

  /** Put and get (get also answers HEAD) under documents/, nothing else: no list, no delete. */
  private grantDocuments(handler: HandlerFunction) {
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [this.documents.arnForObjects("documents/*")],
      }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [stackKey(this).keyArn] }),
    );
    acknowledge(
      handler.role,
      `AwsSolutions-IAM5[Resource::<${logicalId(this.documents)}.Arn>/documents/*]`,
      "Document keys are documents/<tenant>/certificates/<id>/<uuid>, made per upload; the handler checks the tenant prefix before binding a key to a record.",
    );
  }
}
