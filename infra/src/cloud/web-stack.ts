import { chmodSync, cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CfnOutput, DockerImage, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { FunctionUrlOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  Code,
  FunctionUrlAuthType,
  Function as LambdaFunction,
  LayerVersion,
  LoggingFormat,
  Runtime,
} from "aws-cdk-lib/aws-lambda";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { acknowledge, HandlerEnv, type Observed, REPO_ROOT } from "./common.ts";
import { acknowledgeLambdaBaseline } from "./handler-function.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { accessLogsBucket, encryptedLogGroup, stackKey } from "./security.ts";

/** Where `next build` (output: "standalone") leaves the server, relative to the repo root. */
export const NEXT_STANDALONE = join(REPO_ROOT, "web", ".next", "standalone");
/** Served instead when the portal has not been built, so synth never needs a `next build`. */
export const WEB_PLACEHOLDER = fileURLToPath(new URL("./web-placeholder/", import.meta.url));

export interface WebStackProps extends StackProps {
  /** A Next.js standalone output directory; defaults to web/.next/standalone, else the placeholder. */
  serverBundlePath?: string;
  apiUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  observed: Observed;
  /** Lambda Web Adapter layer version (awslabs/aws-lambda-web-adapter). */
  webAdapterLayerVersion?: number;
  /** A CLOUDFRONT-scope WAFv2 web ACL (created in us-east-1) to attach. */
  webAclArn?: string;
  /** Custom domain: names plus an ACM certificate in us-east-1; enables TLS 1.2+ only. */
  domain?: { names: string[]; certificateArn: string };
}

/**
 * The Next.js portal: the standalone server on Lambda (Node 22, arm64) behind the Lambda Web
 * Adapter, reached through a function URL that CloudFront fronts.
 *
 * Why this shape: no container image, so synth and deploy need no Docker; the standalone output runs
 * unchanged (the adapter turns invocations into HTTP requests to `node server.js`); and when
 * web/.next/standalone does not exist a placeholder server with the same contract is deployed, so
 * the stack synthesises without a `next build`. The function URL is public (auth NONE) on purpose:
 * CloudFront's origin access control can sign a POST to a function URL only if the browser sends the
 * body's SHA-256, which Next.js server actions do not. The portal holds no data and no credentials of
 * its own — every read and write goes to the JWT-authorised API with the user's token.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const source =
      props.serverBundlePath ??
      (existsSync(join(NEXT_STANDALONE, "web", "server.js")) ? NEXT_STANDALONE : WEB_PLACEHOLDER);

    const role = new ManagedPolicyRole(this, "ServerRole", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Runs the MedLoop portal server (no data access of its own)",
    });
    const logGroup = encryptedLogGroup(this, "ServerLogs");
    logGroup.grantWrite(role);
    const adapterVersion = props.webAdapterLayerVersion ?? 26;
    // next-auth encrypts the session cookie with this; the server reads it at start (instrumentation.ts).
    const sessionSecret = new Secret(this, "SessionSecret", {
      description: "MedLoop portal: next-auth session cookie encryption secret",
      encryptionKey: stackKey(this),
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    sessionSecret.grantRead(role);
    const noScheduledRotation =
      "Rotating this secret signs every portal user out (sessions are cookies encrypted with it, at most 1 hour long); it is rotated by replacing the secret in a planned change, not on a schedule.";
    acknowledge(sessionSecret, "AwsSolutions-SMG4", noScheduledRotation);
    acknowledge(sessionSecret, "HIPAA.Security-SecretsManagerRotationEnabled", noScheduledRotation);

    const server = new LambdaFunction(this, "Server", {
      description: "MedLoop portal (Next.js standalone behind the Lambda Web Adapter)",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: "run.sh",
      code: Code.fromAsset(source, { bundling: standaloneBundling(source) }),
      layers: [
        LayerVersion.fromLayerVersionArn(
          this,
          "WebAdapter",
          `arn:${this.partition}:lambda:${this.region}:753240598075:layer:LambdaAdapterLayerArm64:${adapterVersion}`,
        ),
      ],
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      memorySize: 1024,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 20,
      environment: {
        AWS_LAMBDA_EXEC_WRAPPER: "/opt/bootstrap",
        AWS_LWA_PORT: "3000",
        PORT: "3000",
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        MEDLOOP_API_URL: props.apiUrl,
        NEXTAUTH_SECRET_ARN: sessionSecret.secretArn,
        // next-auth builds its callback URL from this; Cognito allows the custom domain's only.
        ...(props.domain?.names[0] && { NEXTAUTH_URL: `https://${props.domain.names[0]}` }),
        [HandlerEnv.userPoolId]: props.userPoolId,
        [HandlerEnv.userPoolClientId]: props.userPoolClientId,
      },
    });
    acknowledgeLambdaBaseline(server, "function URL behind CloudFront", false);
    props.observed.functions.push({ label: "web/portal-server", fn: server });

    const url = server.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    acknowledge(
      server,
      "HIPAA.Security-LambdaFunctionPublicAccessProhibited",
      "The portal's function URL is public so CloudFront can forward Next.js server-action POSTs (OAC cannot sign them without a client-computed body hash). The server holds no data or credentials; every data access is the JWT-authorised API called with the user's token.",
    );

    const logs = accessLogsBucket(this, "AccessLogs", { cloudFront: true });
    const origin = new FunctionUrlOrigin(url, { readTimeout: Duration.seconds(30) });
    this.distribution = new Distribution(this, "Distribution", {
      comment: "MedLoop portal",
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: "cloudfront/",
      webAclId: props.webAclArn,
      domainNames: props.domain?.names,
      certificate: props.domain
        ? Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn)
        : undefined,
      minimumProtocolVersion: props.domain ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      additionalBehaviors: {
        // Content-hashed build assets: cache them at the edge for as long as CloudFront allows.
        "/_next/static/*": {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR1",
      "Hospitals, manufacturers and service partners sign in from many countries; access is controlled by authentication, not geography.",
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        "AwsSolutions-CFR2",
        "A CLOUDFRONT-scope WAF web ACL must be created in us-east-1; pass its ARN as context medloop:webAclArn to attach it.",
      );
    }
    if (!props.domain) {
      acknowledge(
        this.distribution,
        "AwsSolutions-CFR4",
        "Without a custom domain CloudFront serves its default certificate, whose policy cannot be raised; with context medloop:webDomain the distribution enforces TLS 1.2 (2021).",
      );
    }

    new CfnOutput(this, "PortalUrl", { value: `https://${this.distribution.distributionDomainName}` });
  }
}

/**
 * Copy the standalone server (plus `.next/static` and `public`, which `next build` leaves beside it)
 * and write the adapter's start script. Runs locally; it never falls back to Docker.
 */
function standaloneBundling(source: string) {
  return {
    image: DockerImage.fromRegistry("unused-local-bundling-only"),
    local: {
      tryBundle(outputDir: string) {
        cpSync(source, outputDir, { recursive: true, dereference: true });
        const entry = ["web/server.js", "server.js", "server.mjs"].find((f) => existsSync(join(outputDir, f)));
        if (!entry) throw new Error(`No server.js in ${source}: is it a Next.js standalone output?`);
        if (source === NEXT_STANDALONE) {
          const app = join(outputDir, entry, "..");
          const web = join(REPO_ROOT, "web");
          for (const dir of [".next/static", "public"]) {
            if (existsSync(join(web, dir))) cpSync(join(web, dir), join(app, dir), { recursive: true });
          }
        }
        writeFileSync(join(outputDir, "run.sh"), `#!/bin/bash\nexec node ${entry}\n`);
        chmodSync(join(outputDir, "run.sh"), 0o755);
        return true;
      },
    },
  };
}
