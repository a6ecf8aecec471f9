import { Locations } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { implement } from "../lib/implement.ts";

export const handler = implement(masterData.resources.locations, {
  listLocations: async ({ params }) => ({ items: await Locations.list(params) }),
  createLocation: ({ params, body }) => Locations.create({ ...params, ...body }),
  getLocation: ({ params }) => Locations.get(params),
  updateLocation: ({ params, body }) => Locations.update({ ...params, ...body }),
  locationVersions: async ({ params }) => ({
    items: await Locations.versions(params),
  }),
});
