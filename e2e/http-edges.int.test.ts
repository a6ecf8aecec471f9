import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * What the HTTP edge answers to requests no form would send (issue 12's findings 1, 3 and 6): never
 * a 5xx, never a reset connection, always an answer that says what was wrong — and nothing changed.
 */
let p: TestPlatform;
let admin: string;

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login("acme-med", "admin@acme-med.test");
});
afterAll(() => p?.stop());

const userCount = async () => (await p.call("GET", "/v1/users", { token: admin })).body.items.length as number;

describe("the HTTP edge", () => {
  it("answers a malformed percent-escape in a path like any bad parameter, after the token check", async () => {
    for (const path of ["/v1/users/%FF%FE", "/v1/gateways/%E0%A4%A", "/v1/users/%"]) {
      const anonymous = await p.call("GET", path);
      expect([path, anonymous.status]).toEqual([path, 401]);
      const signedIn = await p.call("GET", path, { token: admin });
      expect(signedIn.status, path).toBeGreaterThanOrEqual(400);
      expect(signedIn.status, path).toBeLessThan(500);
    }
    const bad = await p.call("GET", "/v1/users/%FF%FE", { token: admin });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid-input"]);
  });

  it("refuses a body over 10 MiB with 413 naming the limit, sized or streamed, and reads the refusal", async () => {
    const before = await userCount();
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const sized = await fetch(`${p.urls.api}/v1/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: big,
    });
    expect(sized.status).toBe(413);
    expect((await sized.json()).message).toContain(String(10 * 1024 * 1024));
    const streamed = await fetch(`${p.urls.api}/v1/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await userCount()).toBe(before);
  });

  it("refuses a body that is not sent as JSON with 415 and writes nothing", async () => {
    const before = await userCount();
    const body = JSON.stringify({
      email: "plain@acme-med.test",
      name: "Plain Text",
      roles: ["warehouse"],
      password: "a-long-enough-passphrase",
    });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const res = await p.call("POST", "/v1/users", { token: admin, body, headers: { "content-type": type } });
      expect([type, res.status, res.body.error.code]).toEqual([type, 415, "unsupported-media-type"]);
    }
    const json = await p.call("POST", "/v1/users", {
      token: admin,
      body: {
        email: "ok@acme-med.test",
        name: "Json Body",
        roles: ["warehouse"],
        password: "a-long-enough-passphrase",
      },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(json.status).toBe(201);
    expect(await userCount()).toBe(before + 1);
  });

  it("opens the local admin routes (every tenant's dead letters) to the operator key only", async () => {
    for (const [method, path] of [
      ["GET", "/_local/dead-letters"],
      ["POST", "/_local/dead-letters/redrive"],
    ] as const) {
      const anonymous = await p.call(method, path);
      const tenantAdmin = await p.call(method, path, { token: admin });
      for (const refused of [anonymous, tenantAdmin]) {
        expect([path, refused.status, refused.body.error.code]).toEqual([path, 401, "operator-key-required"]);
      }
    }
    const operator = await p.call("GET", "/_local/dead-letters", { token: p.operatorKey });
    expect([operator.status, Array.isArray(operator.body.items)]).toEqual([200, true]);
  });
});
