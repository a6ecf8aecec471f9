import type { z } from "zod";
import type { VersionedRecordRoutes } from "../capabilities/versioned-records.ts";
import type { RouteDeclaration } from "../declaration/types.ts";
import { byRoute, type Handler } from "./by-route.ts";
import { withHttp } from "./http.ts";

type In<R extends VersionedRecordRoutes, K extends "create" | "update", P extends "body" | "params"> = z.output<
  NonNullable<R[K]["request"][P & keyof R[K]["request"]]>
>;

type Key<R extends VersionedRecordRoutes> = z.output<R["get"]["request"]["params"]>;

/** The domain functions behind a versioned record's five routes (shared/src/masterdata). */
export interface VersionedRecordFunctions<R extends VersionedRecordRoutes> {
  list(): Promise<unknown[]>;
  create(input: In<R, "create", "body">): Promise<unknown>;
  get(key: Key<R>): Promise<unknown>;
  update(input: In<R, "update", "params"> & In<R, "update", "body">): Promise<unknown>;
  versions(key: Key<R>): Promise<unknown[]>;
}

/** The five routes of a versioned record, each with its handler (see lib/by-route.ts). */
export function versionedRecordEntries<R extends VersionedRecordRoutes>(
  routes: R,
  records: VersionedRecordFunctions<R>,
): [RouteDeclaration, Handler][] {
  return [
    [routes.list, withHttp(routes.list, async () => ({ items: await records.list() }))],
    [routes.create, withHttp(routes.create, ({ body }) => records.create(body as In<R, "create", "body">))],
    [routes.get, withHttp(routes.get, ({ params }) => records.get(params as Key<R>))],
    [
      routes.update,
      withHttp(routes.update, ({ params, body }) =>
        records.update({ ...params, ...body } as In<R, "update", "params"> & In<R, "update", "body">),
      ),
    ],
    [
      routes.versions,
      withHttp(routes.versions, async ({ params }) => ({ items: await records.versions(params as Key<R>) })),
    ],
  ];
}

/** One function serving a versioned record's five routes. */
export const versionedRecordHandler = <R extends VersionedRecordRoutes>(
  routes: R,
  records: VersionedRecordFunctions<R>,
) => byRoute(versionedRecordEntries(routes, records));
