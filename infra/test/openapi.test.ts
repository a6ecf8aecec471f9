import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { capabilities } from "@medloop/functions/declaration/index";
import { openApiDocument } from "@medloop/functions/declaration/openapi";
import { forRuntime } from "@medloop/functions/declaration/types";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/cloud/common.ts";

/**
 * The API's face to hospital IT and integrators: the OpenAPI document the platform serves passes
 * Redocly's recommended rules, and a client generated from it by a standard generator
 * (openapi-typescript with openapi-fetch) type-checks against calls an integrator would write.
 */
const run = promisify(execFile);
const bin = (name: string) => join(REPO_ROOT, "node_modules", ".bin", name);
// Inside the repository, so the generated client resolves openapi-fetch as an integrator's project would.
const dir = join(REPO_ROOT, "node_modules", ".cache", `medloop-openapi-${process.pid}`);
const doc = openApiDocument(forRuntime(capabilities, "local"), "http://127.0.0.1:4000");

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(doc));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended lint with no error and no warning", async () => {
    const { stdout } = await run(
      bin("redocly"),
      ["lint", join(dir, "openapi.json"), "--extends", "recommended", "--format", "json"],
      // No telemetry or update check from a developer's machine or CI.
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    const { problems } = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
      problems: { ruleId: string; severity: string; message: string }[];
    };
    console.info(`redocly lint (recommended): ${problems.length} problems over ${Object.keys(doc.paths).length} paths`);
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 120_000);

  it("gives a generated client that type-checks against an integrator's calls", async () => {
    writeFileSync(join(dir, "api.d.ts"), astToString(await openapiTS(doc as never)));
    writeFileSync(
      join(dir, "sample.ts"),
      `import createClient from "openapi-fetch";
import type { paths } from "./api.js";

const api = createClient<paths>({ baseUrl: "https://api.example", headers: { authorization: "Bearer t" } });

export async function sample() {
  const users = await api.GET("/v1/users");
  const emails: string[] = users.data?.items.map((u) => u.email) ?? [];
  const product = await api.GET("/v1/products/{productId}", { params: { path: { productId: "p" } } });
  const udiDi: string | undefined = product.data?.udiDi;
  const trace = await api.GET("/v1/trace/backward", { params: { query: { udi: "(01)09506000134352(21)A1" } } });
  const serial: string | undefined = trace.data?.unit.serialNo;
  const receipt = await api.POST("/v1/inventory/receipts", {
    params: { header: { "Idempotency-Key": "key-00000001" } },
    body: { materialId: "m", lotNo: "L1", warehouseId: "w", locationId: "l", quantity: 5 },
  });
  const refused: string | undefined = receipt.error?.error.code;
  return { emails, udiDi, serial, refused };
}
`,
    );
    const result = await run(
      process.execPath,
      [
        join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"),
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
        join(dir, "sample.ts"),
      ],
      { cwd: dir },
    ).then(
      () => "",
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe("");
  }, 120_000);
});
