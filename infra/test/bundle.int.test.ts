import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Tenants, Users, withActor } from "@medloop/shared";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../test/table.ts";
import { LAMBDA_BUNDLING, prebuiltDir, prebundleHandlers } from "../src/cloud/bundling.ts";
import { REPO_ROOT } from "../src/cloud/common.ts";

/**
 * The Lambda bundles are built with plugins that cut third-party code (zod locales, ElectroDB's
 * model schema pass). The unit and platform tests run the sources, so this test runs a bundle as
 * Lambda would — an API Gateway v2 event with JWT claims, against DynamoDB Local — to show the
 * bundled handler still reads and writes the table.
 */
const system = { type: "system" as const, tenantId: "bundle-co", name: "test" };

const event = (method: string, path: string, claims: Record<string, string>, body?: unknown) => ({
  version: "2.0",
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: "",
  headers: { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
  isBase64Encoded: false,
  requestContext: {
    accountId: "000000000000",
    apiId: "test",
    domainName: "localhost",
    domainPrefix: "test",
    http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
    requestId: crypto.randomUUID(),
    routeKey: `${method} ${path}`,
    stage: "$default",
    time: new Date().toISOString(),
    timeEpoch: Date.now(),
    authorizer: { principalId: "", integrationLatency: 0, jwt: { claims, scopes: [] } },
  },
});

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
const context = { functionName: "test", awsRequestId: "r1", getRemainingTimeInMillis: () => 10_000 };

describe("a bundled handler", () => {
  let claims: Record<string, string>;

  beforeAll(async () => {
    await ensureTestTable();
    const admin = await withActor(system, async () => {
      await Tenants.create({ name: "Bundle Co", kind: "manufacturer", defaultLocale: "en" });
      return Users.create({ email: "admin@bundle.test", name: "Admin", roles: ["admin"], password: "long enough pw" });
    });
    claims = { uid: admin.userId, email: admin.email, tid: "bundle-co", tkind: "manufacturer", roles: "admin" };
    await prebundleHandlers(["http/users"]);
  }, 120_000);

  const load = async (name: string) =>
    ((await import(pathToFileURL(join(prebuiltDir(name), "index.mjs")).href)) as { handler: Handler }).handler;

  it("creates and lists users through DynamoDB, with its entities built without the model schema pass", async () => {
    const users = await load("http/users");
    const created = await users(
      event("POST", "/v1/users", claims, {
        email: "new@bundle.test",
        name: "New",
        roles: ["planner"],
        password: "long enough pw",
      }),
      context,
    );
    expect(created.statusCode).toBe(201);

    const listed = await users(event("GET", "/v1/users", claims), context);
    expect(listed.statusCode).toBe(200);
    expect(
      JSON.parse(listed.body)
        .items.map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual(["admin@bundle.test", "new@bundle.test"]);
  });

  it("still refuses bad input with the field-level 400", async () => {
    const users = await load("http/users");
    const res = await users(event("POST", "/v1/users", claims, { email: "not-an-email", roles: [] }), context);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe("invalid-input");
  });
});

describe("a bundle's domain code", () => {
  it("is only what its routes reach: a namespace imported from the domain barrel is tree-shaken", async () => {
    const { metafile } = await build({
      ...LAMBDA_BUNDLING,
      absWorkingDir: REPO_ROOT,
      entryPoints: ["functions/src/http/users.ts"],
      outfile: join(tmpdir(), "medloop-users.mjs"),
      write: false,
      metafile: true,
    });
    const [output] = Object.values(metafile.outputs);
    const carried = Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    // The users function records its access through the Audit namespace (audit/access.ts) and keeps users…
    expect(carried).toEqual(expect.arrayContaining(["shared/src/audit/access.ts", "shared/src/tenant/users.ts"]));
    // …but the rest of that namespace (history queries, chain verification) and other aggregates stay out.
    expect(
      carried.filter((p) =>
        /shared\/src\/(audit\/(trail|chain)|masterdata\/(?!entities)|production\/(?!entities))/.test(p),
      ),
    ).toEqual([]);
  });
});

describe("a bundled SDK client", () => {
  it("takes the function role's credentials from the environment, with no other provider bundled", async () => {
    const dir = mkdtempSync(join(tmpdir(), "medloop-creds-"));
    try {
      const { metafile } = await build({
        ...LAMBDA_BUNDLING,
        stdin: {
          contents:
            'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\n' +
            'export const credentials = () => new DynamoDBClient({ region: "eu-central-1" }).config.credentials();',
          resolveDir: join(REPO_ROOT, "shared"),
          loader: "ts",
        },
        outfile: join(dir, "index.mjs"),
        metafile: true,
      });
      const bundled = Object.keys(metafile.inputs).join("\n");
      expect(bundled).toContain("credential-provider-env");
      expect(bundled).not.toMatch(/credential-provider-(node|ini|sso|process|web-identity|http)\//);

      const { credentials } = (await import(pathToFileURL(join(dir, "index.mjs")).href)) as {
        credentials: () => Promise<{ accessKeyId: string; sessionToken?: string }>;
      };
      const saved = { ...process.env };
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDROLE", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" });
      try {
        expect(await credentials()).toMatchObject({ accessKeyId: "AKIDROLE", sessionToken: "t" });
        delete process.env.AWS_ACCESS_KEY_ID;
        await expect(credentials()).rejects.toThrow();
      } finally {
        process.env = saved;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
