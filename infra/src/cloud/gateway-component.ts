import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Stack } from "aws-cdk-lib";
import { CfnComponentVersion, CfnDeployment } from "aws-cdk-lib/aws-greengrassv2";
import { CfnThingGroup } from "aws-cdk-lib/aws-iot";
import { Asset } from "aws-cdk-lib/aws-s3-assets";
import { Construct } from "constructs";
import { parse } from "yaml";
import { prebuiltGatewayArtifact } from "./bundling.ts";
import { REPO_ROOT } from "./common.ts";

const COMPONENT_DIR = join(REPO_ROOT, "iot/components/com.medloop.gateway");
const PLACEHOLDER_URI = "s3://BUCKET_NAME/COMPONENT_NAME/COMPONENT_VERSION/com.medloop.gateway.zip";

/** One tenant's gateways: a thing group, and the deployment of the component to it. */
export interface GatewayDeployment {
  tenantId: string;
  thingGroup: string;
  /**
   * The tenant's de-identification key in Secrets Manager (base64, at least 32 bytes), made by the
   * operator and kept outside this stack: deleting a stack must never lose it, or every pseudonym
   * of the tenant's patients would change.
   */
  deidentificationSecretArn: string;
}

interface Recipe {
  ComponentName: string;
  ComponentVersion: string;
  Manifests: { Artifacts: { URI: string; Unarchive?: string }[]; Lifecycle: { Run: { Script: string } } }[];
}

/**
 * The edge gateway on Greengrass v2 (EDGE-1, EDGE-5): the recipe of iot/components is published as
 * a component version with its artifact in the CDK asset bucket, and each configured tenant's thing
 * group gets a deployment that sets its tenant, its de-identification secret and the nucleus option
 * the recipe's per-device topic names need. Component updates and rollback are Greengrass's own: a
 * new version is a new deployment, and a failed one rolls back (failureHandlingPolicy ROLLBACK).
 */
export class GatewayComponent extends Construct {
  readonly componentVersion: CfnComponentVersion;

  constructor(scope: Construct, id: string, props: { deployments: readonly GatewayDeployment[] }) {
    super(scope, id);
    const stack = Stack.of(this);
    const recipe = parse(readFileSync(join(COMPONENT_DIR, "recipe.yaml"), "utf8")) as Recipe;
    const artifact = new Asset(this, "Artifact", { path: prebuiltGatewayArtifact() });
    // Greengrass unpacks a ZIP artifact into a folder named after the file; the asset's file is
    // <hash>.zip, so the entry point moves to that folder.
    const folder = artifact.s3ObjectKey.replace(/\.zip$/, "");
    const manifests = recipe.Manifests.map((m) => ({
      ...m,
      Artifacts: m.Artifacts.map((a) =>
        a.URI === PLACEHOLDER_URI ? { ...a, URI: `s3://${artifact.s3BucketName}/${artifact.s3ObjectKey}` } : a,
      ),
      Lifecycle: {
        ...m.Lifecycle,
        Run: { ...m.Lifecycle.Run, Script: m.Lifecycle.Run.Script.replace("/com.medloop.gateway/", `/${folder}/`) },
      },
    }));
    this.componentVersion = new CfnComponentVersion(this, "Version", {
      inlineRecipe: stack.toJsonString({ ...recipe, Manifests: manifests }),
    });

    for (const d of props.deployments) {
      const group = new CfnThingGroup(this, `Group-${d.tenantId}`, {
        thingGroupName: d.thingGroup,
        thingGroupProperties: {
          thingGroupDescription: `MedLoop gateways of ${d.tenantId}`,
          attributePayload: { attributes: { tenantId: d.tenantId } },
        },
      });
      new CfnDeployment(this, `Deployment-${d.tenantId}`, {
        targetArn: `arn:${stack.partition}:iot:${stack.region}:${stack.account}:thinggroup/${group.ref}`,
        deploymentName: `medloop-gateway-${d.tenantId}`,
        components: {
          [recipe.ComponentName]: {
            componentVersion: this.componentVersion.attrComponentVersion,
            configurationUpdate: {
              merge: JSON.stringify({ tenantId: d.tenantId, deidentificationSecretArn: d.deidentificationSecretArn }),
            },
          },
          "aws.greengrass.SecretManager": {
            componentVersion: "2.2.2",
            configurationUpdate: { merge: JSON.stringify({ cloudSecrets: [{ arn: d.deidentificationSecretArn }] }) },
          },
          "aws.greengrass.Nucleus": {
            componentVersion: "2.14.3",
            configurationUpdate: { merge: JSON.stringify({ interpolateComponentConfiguration: true }) },
          },
        },
        deploymentPolicies: {
          failureHandlingPolicy: "ROLLBACK",
          componentUpdatePolicy: { action: "NOTIFY_COMPONENTS", timeoutInSeconds: 60 },
        },
      });
    }
  }
}
