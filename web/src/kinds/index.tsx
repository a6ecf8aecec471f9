import { shipping } from "@medloop/shared/contracts/shipping";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import type { ComponentType } from "react";
import { canReportComplaints, canSeeNotices } from "@/app/complaints/access";
import { canProduce } from "@/app/production/access";
import { canSeeAlerts, canSeeTasks } from "@/app/quality/access";
import { canTrace } from "@/app/trace/access";
import type { NavItem } from "@/components/nav-links";
import type { Catalogue } from "@/i18n";
import { mayCall } from "@/server/may";
import type { Principal, TenantKind } from "@/server/schemas";
import { HospitalHome } from "./hospital";
import { ManufacturerHome } from "./manufacturer";
import { PartnerHome } from "./partner";

export interface HomeProps {
  user: Principal;
  t: Catalogue;
}

/** One home per kind of organisation; each decides what its users see first. */
export const homes: Record<TenantKind, ComponentType<HomeProps>> = {
  manufacturer: ManufacturerHome,
  hospital: HospitalHome,
  partner: PartnerHome,
};

/**
 * Gateways and device data: manufacturers and hospitals run gateways (a partner has none, though
 * its admin may call the routes); the roles are the device routes'.
 */
export const canSeeEdge = (user: Principal) =>
  user.tenantKind !== "partner" && mayCall(user, telemetry.resources.devices.listDevices);

const { shipments } = shipping.resources;
/** Shipments: who may read them. */
export const canSeeShipments = (user: Principal) => mayCall(user, shipments.listShipments);
/** Shipping writes: sales books, the warehouse picks and dispatches. */
export const canShip = (user: Principal) => mayCall(user, shipments.createShipment);

/** Navigation lists only pages that exist; a module's entry is added when its pages are. */
export function navFor(user: Principal, t: Catalogue): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: t.nav.home }];
  if (user.tenantKind === "manufacturer") items.push({ href: "/master-data/products", label: t.nav.masterData });
  if (user.tenantKind === "manufacturer") items.push({ href: "/inventory", label: t.nav.inventory });
  if (user.tenantKind === "manufacturer") items.push({ href: "/procurement", label: t.nav.procurement });
  if (canProduce(user, "read")) items.push({ href: "/production", label: t.nav.production });
  if (canSeeShipments(user)) items.push({ href: "/shipments", label: t.nav.shipments });
  if (canTrace(user)) items.push({ href: "/trace", label: t.nav.trace });
  if (canSeeAlerts(user)) items.push({ href: "/quality", label: t.nav.quality });
  if (canSeeTasks(user)) items.push({ href: "/tasks", label: t.nav.tasks });
  if (user.tenantKind === "hospital") items.push({ href: "/installed-base", label: t.nav.installedBase });
  if (canReportComplaints(user)) items.push({ href: "/complaints", label: t.nav.complaints });
  if (canSeeNotices(user)) items.push({ href: "/recall-notices", label: t.nav.recallNotices });
  if (canSeeEdge(user)) items.push({ href: "/edge", label: t.nav.edge });
  if (user.roles.includes("admin")) items.push({ href: "/admin/users", label: t.nav.users });
  if (mayCall(user, tenantAdmin.resources.tenantLinks.listTenantLinks)) {
    items.push({ href: "/admin/links", label: t.nav.links });
  }
  return items;
}
