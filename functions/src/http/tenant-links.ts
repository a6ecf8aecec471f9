import { TenantLinks } from "@medloop/shared";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import { implement } from "../lib/implement.ts";

export const handler = implement(tenantAdmin.resources.tenantLinks, {
  listTenantLinks: async () => ({ items: await TenantLinks.list() }),
  inviteTenant: ({ body }) => TenantLinks.invite(body),
  acceptTenantLink: ({ params }) => TenantLinks.accept(params),
  refuseTenantLink: ({ params, body }) => TenantLinks.refuse({ ...params, ...body }),
  revokeTenantLink: ({ params, body }) => TenantLinks.revoke({ ...params, ...body }),
});
