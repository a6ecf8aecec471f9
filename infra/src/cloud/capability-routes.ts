import type { RouteDeclaration } from "@medloop/functions/declaration/index";
import { NestedStack, type NestedStackProps } from "aws-cdk-lib";
import {
  type HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { Auth } from "./auth.ts";
import { acknowledge, HandlerEnv, handlerId, nagReference } from "./common.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { grantIotAccess } from "./iot-access.ts";

/** Route key as API Gateway writes it: `GET /v1/users/{userId}`. */
export const routeKey = (r: RouteDeclaration) => `${r.method} ${r.path}`;

export interface CapabilityRoutesProps extends NestedStackProps {
  routes: readonly RouteDeclaration[];
  /** The one HTTP API, with its stage and authoriser, in the parent stack. */
  api: HttpApi;
  jwt: IHttpRouteAuthorizer;
  none: IHttpRouteAuthorizer;
  platform: HandlerPlatform;
  auth: Auth;
  /** The parent's documents bucket (KMS-encrypted with the parent's key). */
  documents: Bucket;
}

/**
 * One capability's routes (or a part of them, route-parts.ts) on the shared HTTP API, as a nested
 * stack: its functions, their integrations and the routes. The API, its stage, access logs and
 * authoriser stay in the parent; this stack reads them through parameters CDK adds.
 */
export class CapabilityRoutes extends NestedStack {
  /**
   * One integration per function, shared by its routes, with one API-scoped invoke permission:
   * a route then costs one resource (the route) instead of three (route, integration, permission).
   * A function answers only the route keys it serves (lib/by-route.ts: anything else is a 404).
   */
  private readonly integrations = new Map<string, HttpLambdaIntegration>();
  private readonly documentHandlers: Set<string>;
  private readonly signingHandlers: Set<string>;
  private readonly anchorReaders: Set<string>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CapabilityRoutesProps,
  ) {
    super(scope, id, props);
    // A function serving several routes gets the bucket (or signing) if any of its routes declares it.
    this.documentHandlers = new Set(props.routes.filter((r) => r.documents).map((r) => r.handler));
    this.signingHandlers = new Set(props.routes.filter((r) => r.signs).map((r) => r.handler));
    this.anchorReaders = new Set(props.routes.filter((r) => r.anchors).map((r) => r.handler));
    for (const route of props.routes) this.addRoute(route);
  }

  private addRoute(route: RouteDeclaration) {
    const { auth, documents: bucket, platform } = this.props;
    const documents = this.documentHandlers.has(route.handler);
    const signs = this.signingHandlers.has(route.handler);
    const fresh = !this.node.tryFindChild(handlerId(route.handler));
    const handler = HandlerFunction.for(this, {
      handler: route.handler,
      description: `${routeKey(route)}: ${route.summary}`,
      kind: "http",
      platform,
      anchors: this.anchorReaders.has(route.handler) ? "read" : undefined,
      environment: {
        ...(documents && { [HandlerEnv.documentsBucket]: bucket.bucketName }),
        ...(signs && {
          [HandlerEnv.signingUserPoolId]: auth.userPool.userPoolId,
          [HandlerEnv.signingClientId]: auth.signingClient.userPoolClientId,
        }),
      },
    });
    if (documents && fresh) this.grantDocuments(handler);
    if (signs && fresh) {
      handler.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ["cognito-idp:AdminInitiateAuth"], resources: [auth.userPool.userPoolArn] }),
      );
    }
    grantIotAccess(handler, route.iot);
    let integration = this.integrations.get(route.handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${handlerId(route.handler)}Integration`, handler.fn, {
        scopePermissionToRoute: false,
      });
      this.integrations.set(route.handler, integration);
    }
    // Not api.addRoutes: that creates the route under the API, in the parent stack.
    const created = new HttpRoute(this, `${route.method}${route.path}`, {
      httpApi: this.props.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration,
      authorizer: route.roles === "public" ? this.props.none : this.props.jwt,
    });
    if (route.roles === "public") {
      acknowledge(
        created,
        "AwsSolutions-APIG4",
        `Declared public (${routeKey(route)}: ${route.summary}); it must work before a token exists; the handler validates its input with zod and the stage throttle bounds it.`,
      );
    }
  }

  /** Put and get (get also answers HEAD) under documents/, nothing else: no list, no delete. */
  private grantDocuments(handler: HandlerFunction) {
    const bucket = this.props.documents;
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [bucket.arnForObjects("documents/*")],
      }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: [bucket.encryptionKey!.keyArn],
      }),
    );
    acknowledge(
      handler.role,
      `AwsSolutions-IAM5[Resource::<${nagReference(handler, bucket, "Arn")}>/documents/*]`,
      "Document keys are documents/<tenant>/certificates/<id>/<uuid>, made per upload; the handler checks the tenant prefix before binding a key to a record.",
    );
  }
}
