/**
 * The resource modules, checked against the contracts by the compiler: a resource without its
 * module here, a module for no resource, or a module serving another resource's contracts fails
 * `npm run typecheck`. Types only: the runtimes load each module by its derived path
 * (`http/<resource in kebab case>`), one Lambda bundle per resource, so nothing here is imported.
 */
import type { Contracts } from "@medloop/shared/contracts/index";
import type { ResourceHandler } from "../lib/implement.ts";
import type * as alerts from "./alerts.ts";
import type * as audit from "./audit.ts";
import type * as auth from "./auth.ts";
import type * as boms from "./boms.ts";
import type * as capas from "./capas.ts";
import type * as certificates from "./certificates.ts";
import type * as complaints from "./complaints.ts";
import type * as complaintsReceived from "./complaints-received.ts";
import type * as counts from "./counts.ts";
import type * as customers from "./customers.ts";
import type * as dataDictionary from "./data-dictionary.ts";
import type * as devices from "./devices.ts";
import type * as fefo from "./fefo.ts";
import type * as gatewayConfig from "./gateway-config.ts";
import type * as gatewayProvisioning from "./gateway-provisioning.ts";
import type * as gateways from "./gateways.ts";
import type * as installedBase from "./installed-base.ts";
import type * as ledger from "./ledger.ts";
import type * as locations from "./locations.ts";
import type * as lots from "./lots.ts";
import type * as masterDataImports from "./master-data-imports.ts";
import type * as materials from "./materials.ts";
import type * as moves from "./moves.ts";
import type * as nonconformances from "./nonconformances.ts";
import type * as notifications from "./notifications.ts";
import type * as people from "./people.ts";
import type * as poReceipts from "./po-receipts.ts";
import type * as processRoutes from "./process-routes.ts";
import type * as productionOrders from "./production-orders.ts";
import type * as productionSteps from "./production-steps.ts";
import type * as products from "./products.ts";
import type * as purchaseOrders from "./purchase-orders.ts";
import type * as recallCampaigns from "./recall-campaigns.ts";
import type * as recallNotices from "./recall-notices.ts";
import type * as reservations from "./reservations.ts";
import type * as roles from "./roles.ts";
import type * as safetyStock from "./safety-stock.ts";
import type * as securityAlerts from "./security-alerts.ts";
import type * as shipments from "./shipments.ts";
import type * as sites from "./sites.ts";
import type * as stock from "./stock.ts";
import type * as supplierParts from "./supplier-parts.ts";
import type * as suppliers from "./suppliers.ts";
import type * as tenantLinks from "./tenant-links.ts";
import type * as trace from "./trace.ts";
import type * as users from "./users.ts";
import type * as warehouses from "./warehouses.ts";
import type * as warningAlerts from "./warning-alerts.ts";
import type * as warningRules from "./warning-rules.ts";
import type * as warningTasks from "./warning-tasks.ts";
import type * as workCentres from "./work-centres.ts";

type ResourcesOf<C> = C extends { resources: infer R } ? R : never;
/** Every resource of every capability, by name, with the contracts its module must serve. */
type AllResources = UnionToIntersection<ResourcesOf<Contracts[keyof Contracts]>>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

type Modules = {
  alerts: typeof alerts.handler;
  audit: typeof audit.handler;
  auth: typeof auth.handler;
  boms: typeof boms.handler;
  capas: typeof capas.handler;
  certificates: typeof certificates.handler;
  counts: typeof counts.handler;
  customers: typeof customers.handler;
  dataDictionary: typeof dataDictionary.handler;
  devices: typeof devices.handler;
  fefo: typeof fefo.handler;
  gatewayConfig: typeof gatewayConfig.handler;
  gatewayProvisioning: typeof gatewayProvisioning.handler;
  gateways: typeof gateways.handler;
  complaints: typeof complaints.handler;
  complaintsReceived: typeof complaintsReceived.handler;
  installedBase: typeof installedBase.handler;
  ledger: typeof ledger.handler;
  locations: typeof locations.handler;
  lots: typeof lots.handler;
  masterDataImports: typeof masterDataImports.handler;
  materials: typeof materials.handler;
  moves: typeof moves.handler;
  nonconformances: typeof nonconformances.handler;
  notifications: typeof notifications.handler;
  people: typeof people.handler;
  poReceipts: typeof poReceipts.handler;
  processRoutes: typeof processRoutes.handler;
  productionOrders: typeof productionOrders.handler;
  productionSteps: typeof productionSteps.handler;
  products: typeof products.handler;
  purchaseOrders: typeof purchaseOrders.handler;
  recallCampaigns: typeof recallCampaigns.handler;
  recallNotices: typeof recallNotices.handler;
  reservations: typeof reservations.handler;
  roles: typeof roles.handler;
  securityAlerts: typeof securityAlerts.handler;
  safetyStock: typeof safetyStock.handler;
  shipments: typeof shipments.handler;
  sites: typeof sites.handler;
  stock: typeof stock.handler;
  supplierParts: typeof supplierParts.handler;
  suppliers: typeof suppliers.handler;
  tenantLinks: typeof tenantLinks.handler;
  trace: typeof trace.handler;
  users: typeof users.handler;
  warehouses: typeof warehouses.handler;
  warningAlerts: typeof warningAlerts.handler;
  warningRules: typeof warningRules.handler;
  warningTasks: typeof warningTasks.handler;
  workCentres: typeof workCentres.handler;
};

/** Both ways: every resource has a module serving exactly its contracts, and every module a resource. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Served = { [R in keyof AllResources]: ResourceHandler<AllResources[R]> };
export type ResourceModulesMatchContracts = Assert<Exactly<keyof Modules, keyof AllResources>> &
  Assert<Modules extends Served ? true : false>;
type Assert<T extends true> = T;
