import { pathToFileURL } from "node:url";
import { capabilities, defineCapability } from "@medloop/functions/declaration/index";
import { openApiDocument } from "@medloop/functions/declaration/openapi";
import { defineEvent, patternFor } from "@medloop/shared";
import { contracts } from "@medloop/shared/contracts/index";
import type { RouteContract } from "@medloop/shared/contracts/route";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fixtureContracts } from "../../test/fixtures/fixture-things.ts";
import { startTestPlatform } from "../../test/platform.ts";
import { handlerEntry } from "../src/cloud/common.ts";
import { compileRoutes, matchRoute } from "../src/local/gateway.ts";
import { resourcesOfType, type Synthesized, synthesize } from "./synth-app.ts";

// A capability the real declaration does not have: a route contract with its module
// (test/fixtures/fixture-things.ts), a subscription and an IoT topic rule. The other handlers are
// existing modules, so bundling runs for real; the assertion is that one edit to the declaration is
// all the cloud needs (and cdk-nag still passes with it).
const FixtureHappened = defineEvent("Fixture.Happened", 1, z.object({ thing: z.string() }));
const declared = defineCapability({
  contracts: fixtureContracts,
  subscriptions: [
    {
      name: "on-fixture-happened",
      handler: "streams/outbox-relay",
      pattern: patternFor(FixtureHappened),
      description: "A subscription that exists only in this test",
    },
  ],
  topicRules: [
    {
      name: "fixture-telemetry",
      handler: "streams/outbox-relay",
      sql: "SELECT *, topic(2) AS tenantId, topic(3) AS thingName FROM 'medloop/+/+/fixture'",
      topicFilter: "medloop/+/+/fixture",
      description: "A topic rule that exists only in this test",
    },
  ],
});
// Derived, a route's function is functions/src/http/<resource>; this one lives with the test.
const fixture = {
  ...declared,
  routes: declared.routes?.map((r) => ({ ...r, handler: "../../test/fixtures/fixture-things" })),
};

let synth: Synthesized;
beforeAll(async () => {
  // Template validation is the synth test's job; this one only needs the templates.
  synth = await synthesize([...capabilities, fixture], { cloudFormationValidation: false });
  console.info(`synth of the declaration plus a fixture capability: ${Math.round(synth.ms)} ms`);
});
afterAll(() => synth?.cleanup());

describe("one declaration drives the cloud (synthesized template)", () => {
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

  it("adds an IoT topic rule with the declared SQL, invoking the handler, errors to an SQS queue", () => {
    synth.templates.iot.hasResourceProperties("AWS::IoT::TopicRule", {
      TopicRulePayload: {
        Sql: fixture.topicRules![0]!.sql,
        Actions: [{ Lambda: { FunctionArn: Match.anyValue() } }],
        ErrorAction: { Sqs: { QueueUrl: Match.anyValue(), RoleArn: Match.anyValue() } },
      },
    });
    synth.templates.iot.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "iot.amazonaws.com",
      SourceArn: Match.anyValue(),
    });
  });
});

describe("the same declaration drives the laptop and the API reference", () => {
  const withFixture = [...capabilities, fixture];

  it("the local router serves the fixture route", () => {
    const match = matchRoute(compileRoutes(withFixture), "GET", "/v1/fixture-thing");
    expect(match).toMatchObject({ route: { handler: "../../test/fixtures/fixture-things", roles: ["admin"] } });
    expect(matchRoute(compileRoutes(capabilities), "GET", "/v1/fixture-thing")).toBeUndefined();
  });

  it("the OpenAPI document lists it, with its roles and its security", () => {
    const doc = openApiDocument(withFixture);
    expect(doc.paths["/v1/fixture-thing"]?.get).toMatchObject({
      summary: "A route that exists only in this test",
      "x-roles": ["admin"],
      security: [{ bearer: [] }],
    });
    expect(openApiDocument(capabilities).paths["/v1/fixture-thing"]).toBeUndefined();
  });

  it("a running local platform answers it behind the same JWT check", async () => {
    const p = await startTestPlatform({ capabilities: withFixture });
    try {
      expect((await p.call("GET", "/v1/fixture-thing")).status).toBe(401);
      const token = await p.login("acme-med", "admin@acme-med.test");
      const res = await p.call("GET", "/v1/fixture-thing", { token });
      expect([res.status, res.body]).toEqual([200, { thing: "fixture" }]);
      expect((await p.call("GET", "/openapi.json")).body.paths["/v1/fixture-thing"]).toBeDefined();
    } finally {
      await p.stop();
    }
    // Starting a platform seeds the demo tenants and acme-med's master data: like the other suites' beforeAll.
  }, 300_000);
});

describe("every route contract reaches every reader", () => {
  const declared = capabilities.flatMap((c) => c.routes ?? []);
  const serving = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);

  it("is in OpenAPI, the CDK template, the local router, its function's module and the portal client's contracts", async () => {
    const doc = openApiDocument(capabilities);
    const cdk = new Set(resourcesOfType(synth, "AWS::ApiGatewayV2::Route").map((r) => r.properties.RouteKey));
    const router = compileRoutes(capabilities);
    const forPortal = Object.values(contracts).flatMap(({ resources }) =>
      Object.values(resources).flatMap((routes) => Object.values(routes as Record<string, RouteContract>)),
    );
    for (const route of declared) {
      const key = `${route.method} ${route.path}`;
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], key).toBeDefined();
      // The password login stands in for Cognito's managed login: it exists on the laptop only.
      expect(cdk.has(key), key).toBe(route.runsOn !== "local");
      expect(matchRoute(router, route.method, serving(route.path))?.route, key).toMatchObject({ path: route.path });
      const module = pathToFileURL(handlerEntry(route.handler)).href;
      const { handler } = (await import(/* @vite-ignore */ module)) as {
        handler: { contracts: Record<string, RouteContract> };
      };
      expect(handler.contracts[route.operation], key).toMatchObject({ method: route.method, path: route.path });
      expect(
        forPortal.filter((c) => c.method === route.method && c.path === route.path),
        key,
      ).toHaveLength(1);
    }
    // And nothing the portal could call is missing from the runtimes.
    expect(forPortal).toHaveLength(declared.length);
    console.info(`${declared.length} route contracts in ${new Set(declared.map((r) => r.handler)).size} functions`);
  });
});
