import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { breaches } from "./walls.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("the walls between layers", () => {
  it("hold across the repository", async () => {
    const found = await breaches(ROOT, ["shared/src", "functions/src", "web/src", "iot/src", "iot/components"]);
    expect(found).toEqual([]);
  }, 120_000);

  it("refuse a deliberately wrong import (fixture: test/fixtures/walls)", async () => {
    const found = await breaches(fileURLToPath(new URL("fixtures/walls", import.meta.url)), [
      "web/src",
      "shared/src",
      "iot/src",
      "infra/src",
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        {
          rule: "web-reads-contracts-and-schemas-only",
          from: "web/src/page.ts",
          to: "shared/src/telemetry/queries.ts",
        },
        {
          rule: "domain-is-runtime-free",
          from: "shared/src/telemetry/queries.ts",
          to: expect.stringMatching(/aws-lambda/),
        },
        { rule: "edge-without-cloud-runtime", from: "iot/src/gateway.ts", to: "infra/src/ports.ts" },
        { rule: "packages-meet-at-their-exports", from: "infra/src/demo.ts", to: "iot/src/gateway.ts" },
      ]),
    );
    // The schema module is the portal's to read.
    const portal = found.filter((b) => b.rule === "web-reads-contracts-and-schemas-only");
    expect(portal.map((b) => b.to)).toEqual(["shared/src/telemetry/queries.ts"]);
  }, 60_000);
});
