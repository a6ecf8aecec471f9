import { waitFor } from "@medloop/infra/local/ports";
import { InventoryEvents, patternFor } from "@medloop/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  announcedIdleMs,
  busTap,
  clientIdleMs,
  restartTestPlatform,
  startTestPlatform,
  type TestPlatform,
} from "../test/platform.ts";

/**
 * What the HTTP edge answers to requests no form would send (issue 12, findings 1, 3, 5 and 6): never
 * a 5xx, never a reset connection, always an answer that says what was wrong — and nothing changed.
 */
let p: TestPlatform;
let admin: string;

/** Stock moves as the bus delivers them, across the restart below (the tap is part of the platform's options). */
const moved: { detail: { id: string; data: { lines: { reference: string | null }[] } } }[] = [];

beforeAll(async () => {
  p = await startTestPlatform({
    extraRules: [busTap(patternFor(InventoryEvents.StockMoved), moved)],
  });
  admin = await p.login("acme-med", "admin@acme-med.test");
});
afterAll(() => p?.stop());

const userCount = async () => (await p.call("GET", "/v1/users", { token: admin })).body.items.length as number;

describe("the HTTP edge", () => {
  it("keeps an idle connection longer than Node's client does, so the client closes first and never reads a reset", async () => {
    expect(await announcedIdleMs(`${p.urls.api}/openapi.json`)).toBeGreaterThan(clientIdleMs);
  });

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

/** On-hand quantity of lot C2601 at the coating's location. */
async function quantityAt(token: string, at: { materialId: string; locationId: string }) {
  const { body } = await p.call("GET", `/v1/inventory/stock?materialId=${at.materialId}`, { token });
  const balance = (body.items as { lotNo: string; locationId: string; onHand: number }[]).find(
    (b) => b.lotNo === "C2601" && b.locationId === at.locationId,
  );
  return balance!.onHand;
}

/** A lot with stock to issue from, as the warehouse finds it. */
async function coatingLot() {
  const token = await p.login("acme-med", "warehouse@acme-med.test");
  const { body: safety } = await p.call("GET", "/v1/inventory/safety-stock", { token });
  const stock = await Promise.all(
    (safety.items as { materialId: string }[]).map(
      async (s) => (await p.call("GET", `/v1/inventory/stock?materialId=${s.materialId}`, { token })).body.items,
    ),
  );
  const c = (stock.flat() as { materialId: string; warehouseId: string; locationId: string; lotNo: string }[]).find(
    (b) => b.lotNo === "C2601",
  )!;
  return { materialId: c.materialId, warehouseId: c.warehouseId, locationId: c.locationId };
}

/**
 * Fault injection: the platform stopped under load. A request that committed must have had its
 * answer delivered (a client without an Idempotency-Key cannot otherwise learn the outcome); a
 * request the stop turned away must have changed nothing. Seen from outside: the 2xx answers and the
 * ledger after a restart are the same set of moves. Last in this file: it restarts the platform.
 */
describe("stopping under load", () => {
  it("answers every request that committed, and a turned-away one changed nothing", async () => {
    const coating = await coatingLot();
    const token = await p.login("acme-med", "warehouse@acme-med.test");
    const api = p.urls.api;
    const run = `stop-${Date.now().toString(36)}`;
    const before = await quantityAt(token, coating);
    const answered = new Map<string, number>();
    const failed: string[] = [];
    const requests = Array.from({ length: 300 }, (_, i) => {
      const reference = `${run}-${i}`;
      return fetch(`${api}/v1/inventory/issues`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...coating, lotNo: "C2601", quantity: 1, reference }),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          answered.set(reference, res.status);
        },
        () => void failed.push(reference),
      );
    });
    // Stop while requests are committing: some answered already, most still queued or inside a handler.
    await waitFor(() => answered.size >= 20 || undefined, { timeoutMs: 60_000, what: "the first answers" });
    p = await restartTestPlatform(p);
    await Promise.all(requests);

    expect(answered.size + failed.length).toBe(300);
    const committed = new Set<string>();
    const again = await p.login("acme-med", "warehouse@acme-med.test");
    const ledger = await p.call("GET", `/v1/inventory/materials/${coating.materialId}/lots/C2601/ledger`, {
      token: again,
    });
    expect(ledger.status).toBe(200);
    for (const line of ledger.body.items as { reference: string | null }[]) {
      if (line.reference?.startsWith(`${run}-`)) committed.add(line.reference);
    }

    const ok = [...answered].filter(([, status]) => status === 201).map(([reference]) => reference);
    // Every committed move was answered 201, and every 201 is a committed move, once.
    expect([...committed].sort()).toEqual(ok.sort());
    // The rest were turned away (503 or a refused connection), never half-done.
    for (const [, status] of answered) expect([201, 503]).toContain(status);
    expect(ok.length).toBeGreaterThanOrEqual(20);

    // The balance is what its ledger says: it went down by exactly the committed moves.
    const after = await quantityAt(again, coating);
    expect(after).toBe(before - ok.length);
    // Each committed move left one event on the bus and one record on the audit trail, across the restart
    // (read with a fresh token: a token names the API that issued it, and the restart moved it to new ports).
    await p.settled();
    const ofRun = (e: (typeof moved)[number]) => e.detail.data.lines[0]?.reference ?? "";
    const events = moved.filter((e) => ofRun(e).startsWith(`${run}-`));
    expect(events.map(ofRun).sort()).toEqual(ok.sort());
    expect(new Set(events.map((e) => e.detail.id)).size).toBe(events.length);
    const lines = (ledger.body.items as { reference: string | null; at: string; lineId: string }[]).filter((l) =>
      l.reference?.startsWith(`${run}-`),
    );
    const auditor = await p.login("acme-med", "admin@acme-med.test");
    const audited = await Promise.all(
      lines.map(async (l) => {
        const key = encodeURIComponent(`ledgerLine:${coating.materialId}:C2601:${l.at}:${l.lineId}`);
        const history = await p.call("GET", `/v1/audit/records/${key}`, { token: auditor });
        return [history.status, history.body.items?.length ?? history.body];
      }),
    );
    expect(audited).toEqual(lines.map(() => [200, 1]));
  }, 180_000);
});
