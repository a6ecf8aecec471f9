import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Issue 12, finding 7: text enters NFC-normalised, and a character that hides or reorders what is
 * shown — a control, a bidi override, a zero-width character, a lone surrogate — is refused with
 * the field named and nothing written. GS, the FNC1 of a raw GS1 scan, only where a scan goes.
 */
let p: TestPlatform;
let admin: string;

beforeAll(async () => {
  // The demo seed: the production units a scan resolves to.
  p = await startTestPlatform({ seed: "demo" });
  admin = await p.login("acme-med", "admin@acme-med.test");
});
afterAll(() => p?.stop());

/** Each as JSON text: `\ud800` can only be sent as an escape, JSON.stringify would not write one. */
const SPOOFS = [
  ["A\\u0000B", "U+0000 (control character)"],
  ["\\u202Eevil", "U+202E (RIGHT-TO-LEFT OVERRIDE)"],
  ["a\\u200Bb", "U+200B (ZERO WIDTH SPACE)"],
  ["a\\ud800b", "U+D800 (lone surrogate)"],
] as const;

const refusal = (res: { status: number; body: { error: { code: string; issues: unknown } } }) => [
  res.status,
  res.body.error.code,
  res.body.error.issues,
];

describe("text from the API", () => {
  it("refuses a spoofing character in a user's, a gateway's and a material's name, naming the field; nothing is written", async () => {
    const before = await Promise.all(
      ["/v1/users", "/v1/gateways", "/v1/materials"].map(
        async (path) => (await p.call("GET", path, { token: admin })).body,
      ),
    );
    for (const [name, character] of SPOOFS) {
      const bodies = {
        "/v1/users": `{"email":"spoof@acme-med.test","name":"${name}","roles":["warehouse"],"password":"a-long-enough-passphrase"}`,
        "/v1/gateways": `{"gatewayId":"spoof-gw","name":"${name}"}`,
        "/v1/materials": `{"code":"SPOOF-1","name":"${name}","category":"electronic","unit":"pcs","tracking":"lot"}`,
      };
      for (const [path, body] of Object.entries(bodies)) {
        const res = await p.call("POST", path, { token: admin, body });
        expect([path, ...refusal(res)]).toEqual([
          path,
          400,
          "invalid-input",
          [{ path: "body.name", message: `contains ${character}` }],
        ]);
      }
    }
    const after = await Promise.all(
      ["/v1/users", "/v1/gateways", "/v1/materials"].map(
        async (path) => (await p.call("GET", path, { token: admin })).body,
      ),
    );
    expect(after).toEqual(before);
  });

  it("refuses one in a path parameter and a query the same way", async () => {
    const path = await p.call("GET", `/v1/users/${encodeURIComponent("\u202E1")}`, { token: admin });
    expect(refusal(path)).toEqual([
      400,
      "invalid-input",
      [{ path: "path.userId", message: "contains U+202E (RIGHT-TO-LEFT OVERRIDE)" }],
    ]);
    const query = await p.call("GET", `/v1/trace/backward?productId=x&serialNo=${encodeURIComponent("a\u2066")}`, {
      token: admin,
    });
    expect(refusal(query)).toEqual([
      400,
      "invalid-input",
      [{ path: "query.serialNo", message: "contains U+2066 (LEFT-TO-RIGHT ISOLATE)" }],
    ]);
  });

  it("stores a decomposed name composed", async () => {
    const decomposed = "Rene\u0301e Mu\u0308ller";
    const created = await p.call("POST", "/v1/gateways", {
      token: admin,
      body: { gatewayId: "nfc-gw", name: decomposed },
    });
    expect(created.status).toBe(201);
    const { body } = await p.call("GET", `/v1/gateways/${created.body.thingName}`, { token: admin });
    expect(body.name).toBe("Renée Müller");
    expect(body.name).not.toBe(decomposed);
  });

  it("passes a password on as typed: the one set is the one that signs in", async () => {
    const password = "cafe\u0301-au-lait-\u200d-long";
    const user = { email: "nfc@acme-med.test", name: "Zoe\u0308", roles: ["warehouse"], password };
    const created = await p.call("POST", "/v1/users", { token: admin, body: user });
    expect([created.status, created.body.name]).toEqual([201, "Zoë"]);
    expect(await p.login("acme-med", user.email, password)).toBeTruthy();
  });

  it("resolves a raw UDI scan with GS on the route that takes scans, and refuses GS in any other field", async () => {
    const GS = "\u001d";
    // As a DataMatrix scanner sends it: symbology identifier, GTIN, serial, GS ending the serial, lot.
    const scan = `]d2010695012345001221IP200-2601-0001${GS}10ANY-LOT`;
    const trace = await p.call("GET", `/v1/trace/backward?udi=${encodeURIComponent(scan)}`, { token: admin });
    expect([trace.status, trace.body.unit?.serialNo]).toEqual([200, "IP200-2601-0001"]);

    const nul = await p.call("GET", `/v1/trace/backward?udi=${encodeURIComponent(scan.replace(GS, "\0"))}`, {
      token: admin,
    });
    expect(refusal(nul)).toEqual([
      400,
      "invalid-input",
      [{ path: "query.udi", message: "contains U+0000 (control character)" }],
    ]);
    const named = await p.call("POST", "/v1/gateways", { token: admin, body: { gatewayId: "gs-gw", name: `a${GS}b` } });
    expect(refusal(named)).toEqual([
      400,
      "invalid-input",
      [{ path: "body.name", message: "contains U+001D (control character)" }],
    ]);
  });
});
