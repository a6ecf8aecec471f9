import { capabilities, defineCapability, route } from "@medloop/functions/declaration/index";
import { defineEvent, patternFor } from "@medloop/shared";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { resourcesOfType, type Synthesized, synthesize } from "./synth-app.ts";

// A capability the real declaration does not have: one route, one subscription. Its handlers are
// existing modules, so bundling runs for real; the assertion is that one edit to the declaration
// is all the cloud needs.
const FixtureHappened = defineEvent("Fixture.Happened", 1, z.object({ thing: z.string() }));
const fixture = defineCapability({
  name: "fixture",
  spec: ["TEST-1"],
  routes: [
    route({
      method: "GET",
      path: "/v1/fixture-thing",
      handler: "http/roles/list",
      summary: "A route that exists only in this test",
      roles: ["admin"],
      response: z.object({}),
    }),
  ],
  subscriptions: [
    {
      name: "on-fixture-happened",
      handler: "streams/outbox-relay",
      pattern: patternFor(FixtureHappened),
      description: "A subscription that exists only in this test",
    },
  ],
});

let synth: Synthesized;
beforeAll(() => {
  // Template validation is the synth test's job; this one only needs the templates.
  synth = synthesize([...capabilities, fixture], { cloudFormationValidation: false });
  console.info(`synth of the declaration plus a fixture capability: ${Math.round(synth.ms)} ms`);
});
afterAll(() => synth?.cleanup());

describe("one declaration drives the cloud", () => {
  it("adds the fixture route to the HTTP API, behind the JWT authoriser, with its own function", () => {
    synth.templates.api.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "GET /v1/fixture-thing",
      AuthorizationType: "JWT",
      AuthorizerId: Match.anyValue(),
    });
    const routeKeys = resourcesOfType(synth, "AWS::ApiGatewayV2::Route").map((r) => r.properties.RouteKey);
    expect(routeKeys).toContain("GET /v1/users");
  });

  it("adds a rule with the declared pattern on the MedLoop bus, targeting the handler with retries and a DLQ", () => {
    const rules = resourcesOfType(synth, "AWS::Events::Rule").filter(
      (r) => JSON.stringify(r.properties.EventPattern) === JSON.stringify(patternFor(FixtureHappened)),
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule.properties.EventPattern).toEqual({
      source: ["medloop.fixture"],
      "detail-type": ["Fixture.Happened.v1"],
    });
    expect(rule.properties.EventBusName).toBeDefined();
    expect(rule.properties.Targets).toEqual([
      expect.objectContaining({
        Arn: expect.anything(),
        DeadLetterConfig: { Arn: expect.anything() },
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 8 }),
      }),
    ]);
  });
});
