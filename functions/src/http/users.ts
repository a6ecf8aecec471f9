import { Users } from "@medloop/shared";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import { implement } from "../lib/implement.ts";

export const handler = implement(tenantAdmin.resources.users, {
  listUsers: async () => ({ items: await Users.list() }),
  createUser: ({ body }) => Users.create(body),
  getUser: ({ params }) => Users.get(params),
  disableUser: ({ params, body }) => Users.disable({ ...params, ...body }),
  enableUser: ({ params }) => Users.enable(params),
  unlockUser: ({ params, body }) => Users.unlock({ ...params, ...body }),
  assignRoles: ({ params, body }) => Users.assignRoles({ ...params, roles: body.roles }),
});
