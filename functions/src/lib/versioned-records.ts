import type { VersionedRecordContracts } from "@medloop/shared/contracts/versioned-records";
import type { z } from "zod";
import type { Operations } from "./implement.ts";

type In<R extends VersionedRecordContracts, K extends "create" | "update", P extends "body" | "params"> = z.output<
  NonNullable<R[K]["request"][P & keyof R[K]["request"]]>
>;

type Key<R extends VersionedRecordContracts> = z.output<R["get"]["request"]["params"]>;

/** The domain functions behind a versioned record's five routes (shared/src/masterdata). */
export interface VersionedRecordFunctions<R extends VersionedRecordContracts> {
  list(): Promise<unknown[]>;
  create(input: In<R, "create", "body">): Promise<unknown>;
  get(key: Key<R>): Promise<unknown>;
  update(input: In<R, "update", "params"> & In<R, "update", "body">): Promise<unknown>;
  versions(key: Key<R>): Promise<unknown[]>;
}

/** The five operations of a versioned record (`implement` puts each behind its route). */
export function versionedRecordOperations<R extends VersionedRecordContracts>(
  // The resource's contracts fix R (the input types of each operation); the operations are the functions'.
  _contracts: R,
  records: VersionedRecordFunctions<R>,
): Operations<Pick<R, keyof VersionedRecordContracts>> {
  return {
    list: async () => ({ items: await records.list() }),
    create: ({ body }) => records.create(body as In<R, "create", "body">),
    get: ({ params }) => records.get(params as Key<R>),
    update: ({ params, body }) =>
      records.update({ ...params, ...body } as In<R, "update", "params"> & In<R, "update", "body">),
    versions: async ({ params }) => ({ items: await records.versions(params as Key<R>) }),
  } as Operations<Pick<R, keyof VersionedRecordContracts>>;
}
