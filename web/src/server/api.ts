import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/auth";
import { env } from "@/env";
import {
  AlertList,
  type CreateUserInput,
  DeviceList,
  ErrorBody,
  type FieldIssue,
  GatewayList,
  Ib,
  Inv,
  LoginResult,
  Md,
  OpenApiDocument,
  PersonList,
  Principal,
  Proc,
  Prod,
  type Role,
  RoleCatalogue,
  Ship,
  Trace,
  User,
  UserList,
  WindowList,
} from "./schemas";

const GatewayBody = z.object({ message: z.string() });

/** An answer of the API that is not a success, with the API's stable `code` (see i18n `errors`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly correlationId?: string,
    /** Machine-readable particulars of the refusal (e.g. the row report of a refused import). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** One request; every answer — success or error — is parsed with zod before anyone sees it. */
async function request<S extends z.ZodType>(schema: S, path: string, opts: RequestOptions = {}): Promise<z.infer<S>> {
  const url = `${env().MEDLOOP_API_URL}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: "no-store",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new ApiError(503, "api-unavailable", `The MedLoop API at ${url} cannot be reached: ${(e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      res.status,
      "unexpected-response",
      `${path} answered HTTP ${res.status} with a body that is not JSON`,
    );
  }
  if (!res.ok) {
    const body = ErrorBody.safeParse(json);
    if (body.success) {
      const { code, message, issues, correlationId, details } = body.data.error;
      throw new ApiError(res.status, code, message, issues, correlationId, details);
    }
    // The gateway itself (like API Gateway) answers a bad token or an unknown route with `{message}` only.
    const message = GatewayBody.safeParse(json).data?.message ?? `HTTP ${res.status}`;
    const code =
      res.status === 401 ? "session-expired" : res.status === 404 ? "route-not-found" : "unexpected-response";
    throw new ApiError(res.status, code, `${path} answered ${message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      502,
      "unexpected-response",
      `${path} answered an unexpected shape:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Routes that need no user. */
export const publicApi = {
  login: (input: { tenant: string; email: string; password: string }) =>
    request(LoginResult, "/v1/auth/login", { method: "POST", body: input }),
  openapi: () => request(OpenApiDocument, "/openapi.json"),
  /** The principal behind a token just received from Cognito, before any session exists. */
  me: (token: string) => request(Principal, "/v1/me", { token }),
};

/**
 * Routes called as the signed-in user: their token is attached here and nowhere else. A 401 means
 * the token is no longer accepted, so the user is sent to sign in again.
 */
async function asUser<S extends z.ZodType>(schema: S, path: string, opts: Omit<RequestOptions, "token"> = {}) {
  const session = await auth();
  if (!session) redirect("/login?reason=expired");
  try {
    return await request(schema, path, { ...opts, token: session.apiToken });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirect("/login?reason=expired");
    throw e;
  }
}

const shipmentPath = (shipmentId: string) => `/v1/shipments/${encodeURIComponent(shipmentId)}`;
const userPath = (userId: string) => `/v1/users/${encodeURIComponent(userId)}`;
const lotPath = (materialId: string, lotNo: string) =>
  `/v1/inventory/materials/${encodeURIComponent(materialId)}/lots/${encodeURIComponent(lotNo)}`;
const poPath = (poId: string) => `/v1/purchase-orders/${encodeURIComponent(poId)}`;
const orderPath = (orderId: string) => `/v1/production/orders/${encodeURIComponent(orderId)}`;
const query = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
export type MoveRoute = "receipts" | "issues" | "transfers" | "adjustments" | "shipments";

const range = (from: number, to: number) => `from=${Math.floor(from)}&to=${Math.floor(to)}`;

export const api = {
  me: () => asUser(Principal, "/v1/me"),
  edge: {
    gateways: () => asUser(GatewayList, "/v1/gateways"),
    devices: () => asUser(DeviceList, "/v1/devices"),
    windows: (deviceId: string, from: number, to: number) =>
      asUser(WindowList, `/v1/devices/${encodeURIComponent(deviceId)}/windows?${range(from, to)}`),
    alerts: (from: number, to: number, deviceId?: string) =>
      asUser(AlertList, `/v1/alerts?${range(from, to)}${deviceId ? `&deviceId=${encodeURIComponent(deviceId)}` : ""}`),
  },
  roles: () => asUser(RoleCatalogue, "/v1/roles"),
  /** Who is behind the actor ids records keep; readable by every role of the tenant. */
  people: () => asUser(PersonList, "/v1/people"),
  users: {
    list: () => asUser(UserList, "/v1/users"),
    /** `idempotencyKey`: one per form submission, so a retried submission creates one user. */
    create: (input: CreateUserInput, idempotencyKey: string) =>
      asUser(User, "/v1/users", { method: "POST", body: input, headers: { "idempotency-key": idempotencyKey } }),
    disable: (userId: string, reason: string) =>
      asUser(User, `${userPath(userId)}/disable`, { method: "POST", body: { reason } }),
    enable: (userId: string) => asUser(User, `${userPath(userId)}/enable`, { method: "POST", body: {} }),
    assignRoles: (userId: string, roles: Role[]) =>
      asUser(User, `${userPath(userId)}/roles`, { method: "PUT", body: { roles } }),
  },
  inventory: {
    catalogue: () => asUser(Inv.Catalogue, "/v1/inventory/catalogue"),
    stock: (q: { warehouseId?: string; materialId?: string }) =>
      asUser(Inv.Balances, `/v1/inventory/stock?${query(q)}`),
    lot: (materialId: string, lotNo: string) => asUser(Inv.LotDetail, lotPath(materialId, lotNo)),
    ledger: (materialId: string, lotNo: string) => asUser(Inv.Ledger, `${lotPath(materialId, lotNo)}/ledger`),
    safetyStock: () => asUser(Inv.SafetyStocks, "/v1/inventory/safety-stock"),
    /** `idempotencyKey`: one per form submission, so a resubmitted form moves stock once. */
    move: (route: MoveRoute, body: unknown, idempotencyKey: string) =>
      asUser(Inv.Move, `/v1/inventory/${route}`, {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    setLotStatus: (materialId: string, lotNo: string, action: "hold" | "release", reason: string) =>
      asUser(Inv.Lot, `${lotPath(materialId, lotNo)}/${action}`, { method: "POST", body: { reason } }),
    fefo: (materialId: string, quantity: number) =>
      asUser(Inv.FefoSuggestion, `/v1/inventory/fefo?${query({ materialId, quantity })}`),
    counts: (warehouseId: string, status?: "entered" | "posted") =>
      asUser(Inv.Counts, `/v1/inventory/counts?${query({ warehouseId, status })}`),
    enterCount: (body: unknown, idempotencyKey: string) =>
      asUser(Inv.Count, "/v1/inventory/counts", {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    postCount: (countId: string, reason: string) =>
      asUser(Inv.Count, `/v1/inventory/counts/${encodeURIComponent(countId)}/post`, {
        method: "POST",
        body: { reason },
      }),
  },
  procurement: {
    orders: () => asUser(Proc.Orders, "/v1/purchase-orders"),
    order: (poId: string) => asUser(Proc.PoDetail, poPath(poId)),
    approve: (poId: string) => asUser(Proc.PoDetail, `${poPath(poId)}/approve`, { method: "POST" }),
    /** `idempotencyKey`: one per form submission, so a rescanned or resubmitted label receives once. */
    receive: (poId: string, body: unknown, idempotencyKey: string) =>
      asUser(Proc.Receipt, `${poPath(poId)}/receipts`, {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    inspect: (poId: string, receiptId: string, body: unknown) =>
      asUser(Proc.Inspection, `${poPath(poId)}/receipts/${encodeURIComponent(receiptId)}/inspection`, {
        method: "POST",
        body,
      }),
  },
  production: {
    orders: (status?: string) => asUser(Prod.OrderList, `/v1/production/orders?${query({ status })}`),
    order: (orderId: string) => asUser(Prod.OrderRecord, orderPath(orderId)),
    /** `idempotencyKey`: one per form submission, so a resubmitted form creates one order. */
    create: (body: unknown, idempotencyKey: string) =>
      asUser(Prod.Order, "/v1/production/orders", {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    /** One step recorded on an order (issue, operations, inspections, NCs, release, receipt). */
    record: <S extends z.ZodType>(schema: S, orderId: string, step: string, body: unknown, idempotencyKey?: string) =>
      asUser(schema, `${orderPath(orderId)}/${step}`, {
        method: "POST",
        body,
        ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
      }),
  },
  shipments: {
    list: () => asUser(Ship.ShipmentList, "/v1/shipments"),
    get: (shipmentId: string) => asUser(Ship.ShipmentWithLines, shipmentPath(shipmentId)),
    /** `idempotencyKey`: one per form submission, so a resubmitted form creates one shipment. */
    create: (body: { customerId: string; reference?: string; note?: string }, idempotencyKey: string) =>
      asUser(Ship.Shipment, "/v1/shipments", { method: "POST", body, headers: { "idempotency-key": idempotencyKey } }),
    pick: (
      shipmentId: string,
      body: { scan?: string; productId?: string; serialNo?: string },
      idempotencyKey: string,
    ) =>
      asUser(Ship.ShipmentWithLines, `${shipmentPath(shipmentId)}/lines`, {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    unpick: (shipmentId: string, productId: string, serialNo: string) =>
      asUser(
        Ship.ShipmentWithLines,
        `${shipmentPath(shipmentId)}/lines/${encodeURIComponent(productId)}/${encodeURIComponent(serialNo)}`,
        { method: "DELETE" },
      ),
    dispatch: (shipmentId: string, idempotencyKey: string) =>
      asUser(Ship.ShipmentWithLines, `${shipmentPath(shipmentId)}/dispatch`, {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey },
      }),
    deliver: (shipmentId: string, deliveredOn: string | undefined, idempotencyKey: string) =>
      asUser(Ship.ShipmentWithLines, `${shipmentPath(shipmentId)}/deliver`, {
        method: "POST",
        body: deliveredOn ? { deliveredOn } : {},
        headers: { "idempotency-key": idempotencyKey },
      }),
  },
  serials: {
    whereabouts: (productId: string, serialNo: string) =>
      asUser(Ship.Whereabouts, `/v1/products/${encodeURIComponent(productId)}/serials/${encodeURIComponent(serialNo)}`),
  },
  trace: {
    backward: (q: { udi: string } | { productId: string; serialNo: string }) =>
      asUser(Trace.Backward, `/v1/trace/backward?${query(q)}`),
    forward: (q: { materialId: string; lotNo: string } | { supplierId: string; supplierLotNo: string }) =>
      asUser(Trace.Forward, `/v1/trace/forward?${query(q)}`),
  },
  installedBase: {
    list: (q: { serial?: string; udi?: string }) => asUser(Ib.DeviceList, `/v1/installed-base?${query(q)}`),
    get: (installedId: string) => asUser(Ib.InstalledDevice, `/v1/installed-base/${encodeURIComponent(installedId)}`),
  },
  masterData: {
    products: () => asUser(Md.ProductList, "/v1/products"),
    product: (productId: string) => asUser(Md.Product, `/v1/products/${encodeURIComponent(productId)}`),
    boms: (productId: string) => asUser(Md.BomList, `/v1/products/${encodeURIComponent(productId)}/boms`),
    routes: (productId: string) => asUser(Md.RouteList, `/v1/products/${encodeURIComponent(productId)}/routes`),
    materials: () => asUser(Md.MaterialList, "/v1/materials"),
    suppliers: () => asUser(Md.SupplierList, "/v1/suppliers"),
    certificates: () => asUser(Md.CertificateList, "/v1/certificates"),
    customers: () => asUser(Md.CustomerList, "/v1/customers"),
    warehouses: () => asUser(Md.WarehouseList, "/v1/warehouses"),
    locations: (warehouseId: string) =>
      asUser(Md.LocationList, `/v1/warehouses/${encodeURIComponent(warehouseId)}/locations`),
    workCentres: () => asUser(Md.WorkCentreList, "/v1/work-centres"),
    dictionary: () => asUser(Md.Dictionary, "/v1/data-dictionary"),
    /** `idempotencyKey`: one per form submission, so a retried submission imports once. */
    import: (
      input: { kind: z.infer<typeof Md.ImportKind>; mode: z.infer<typeof Md.ImportMode>; csv: string },
      idempotencyKey: string,
    ) =>
      asUser(Md.ImportReport, "/v1/master-data/imports", {
        method: "POST",
        body: input,
        headers: { "idempotency-key": idempotencyKey },
      }),
  },
};
