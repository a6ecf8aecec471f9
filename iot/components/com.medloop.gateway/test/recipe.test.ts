import { readFileSync } from "node:fs";
import { GatewayConfig } from "@medloop/shared/device/gateway-config";
import { DOWNSTREAM_TOPICS, recipeTopic, UPSTREAM_TOPICS } from "@medloop/shared/device/topics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { standardConfig } from "../../../src/standard-config.ts";

const recipe = parse(readFileSync(new URL("../recipe.yaml", import.meta.url), "utf8"));
const defaults = recipe.ComponentConfiguration.DefaultConfiguration;
const mqtt = defaults.accessControl["aws.greengrass.ipc.mqttproxy"];
const policies = Object.values(mqtt) as { operations: string[]; resources: string[] }[];
const resourcesFor = (op: string) => policies.filter((p) => p.operations.includes(op)).flatMap((p) => p.resources);

describe("Greengrass recipe", () => {
  it("is the component of its folder", () => {
    expect(recipe.ComponentName).toBe("com.medloop.gateway");
    expect(recipe.RecipeFormatVersion).toBe("2020-01-25");
  });

  it("names exactly the declared topics of this device in accessControl, and no wildcard anywhere", () => {
    expect(resourcesFor("aws.greengrass#PublishToIoTCore")).toEqual(UPSTREAM_TOPICS.map((t) => recipeTopic(t.kind)));
    expect(resourcesFor("aws.greengrass#SubscribeToIoTCore")).toEqual(
      DOWNSTREAM_TOPICS.map((t) => recipeTopic(t.kind)),
    );
    const everyResource = Object.values(defaults.accessControl).flatMap((service) =>
      Object.values(service as Record<string, { resources: string[] }>).flatMap((p) => p.resources),
    );
    expect(everyResource.filter((r) => /[*+#]/.test(r))).toEqual([]);
  });

  it("deploys the standard gateway configuration, valid against the configuration schema", () => {
    expect(GatewayConfig.parse(defaults.gateway)).toEqual(standardConfig([]));
  });

  it("has placeholders only in the artifact URI, and runs the bundled entry point", () => {
    const [manifest] = recipe.Manifests;
    const text = JSON.stringify({ ...recipe, Manifests: [{ ...manifest, Artifacts: [] }] });

    expect(manifest.Artifacts).toEqual([
      { URI: "s3://BUCKET_NAME/COMPONENT_NAME/COMPONENT_VERSION/com.medloop.gateway.zip", Unarchive: "ZIP" },
    ]);
    expect(text).not.toMatch(/BUCKET_NAME|COMPONENT_NAME|COMPONENT_VERSION/);
    expect(manifest.Lifecycle.Run.Script).toBe("node {artifacts:decompressedPath}/com.medloop.gateway/main.mjs");
    expect(manifest.Lifecycle.Setenv.MEDLOOP_TRANSPORT).toBe("greengrass-ipc");
  });
});
