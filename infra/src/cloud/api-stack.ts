import type { CapabilityDeclaration } from "@medloop/functions/declaration/index";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { Auth } from "./auth.ts";
import { CapabilityRoutes } from "./capability-routes.ts";
import { acknowledge } from "./common.ts";
import type { HandlerPlatform } from "./handler-function.ts";
import { routeParts } from "./route-parts.ts";
import { accessLogsBucket, encryptedLogGroup, secureBucket } from "./security.ts";

export interface ApiStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  platform: HandlerPlatform;
  /** The user pool whose tokens the JWT authoriser accepts (IdentityStack). */
  auth: Auth;
  /** Steady-state requests per second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API: one Lambda per declared route handler, the Cognito JWT authoriser on every route
 * except those declared `roles: "public"`. Role checks stay in the handler (`withHttp`), where the
 * local gateway applies them too; the authoriser proves the token.
 *
 * This stack holds the API, its stage, access logs, authoriser and the documents bucket; each
 * capability's functions and routes are a nested stack (capability-routes.ts), so no template nears
 * CloudFormation's 500 resources as routes grow.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly auth: Auth;
  /** Uploaded master-data documents (certificate scans), under `documents/<tenant>/…`. */
  readonly documents: Bucket;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.auth = props.auth;

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
    const jwt = new HttpUserPoolAuthorizer("Cognito", this.auth.userPool, {
      userPoolClients: [this.auth.client],
      identitySource: ["$request.header.Authorization"],
    });
    const none = new HttpNoneAuthorizer();

    for (const part of routeParts(props.capabilities)) {
      new CapabilityRoutes(this, part.id, {
        description: `MedLoop: routes of ${part.capability}`,
        routes: part.routes,
        api: this.api,
        jwt,
        none,
        platform: props.platform,
        auth: this.auth,
        documents: this.documents,
      });
    }

    props.platform.observed.apis.push({ label: "MedLoop HTTP API", api: this.api });
    new CfnOutput(this, "ApiUrl", { value: this.api.apiEndpoint });
  }
}
