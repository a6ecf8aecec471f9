import { z } from "zod";
import { Page, versionOf } from "../masterdata/schema/fields.ts";
import type { Role } from "../tenant/schema.ts";
import type { RouteErrors } from "./errors.ts";
import { route } from "./route.ts";

/** A versioned master record's schemas (shared/src/masterdata/schema): what it is, and what creates and changes it. */
export interface VersionedRecordSchemas<Info extends z.ZodType, Create extends z.ZodType, Update extends z.ZodObject> {
  Info: Info;
  CreateInput: Create;
  UpdateInput: Update;
}

/**
 * The five routes every versioned master record has (MD-2): list, create (a new code, 409 if
 * taken), one, change (a new version with a reason; the code never changes) and its versions.
 * Manufacturer-internal, like all master data.
 */
export function versionedRecordRoutes<
  const Id extends string,
  Info extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodObject,
>(r: {
  /** How summaries name one record and several: "work centre", "work centres". */
  noun: string;
  plural: string;
  /** The collection's path segment: `/v1/<segment>`. */
  segment: string;
  /** The id's path parameter: `workCentreId`. */
  id: Id;
  readers: readonly Role[];
  writers: readonly Role[];
  schemas: VersionedRecordSchemas<Info, Create, Update>;
  /** The kind's own rules on create and change, beyond the codes every versioned record answers. */
  errors?: { create?: RouteErrors; update?: RouteErrors };
}) {
  const params = z.object({ [r.id]: z.uuid() } as { [K in Id]: z.ZodUUID });
  const changes = r.schemas.UpdateInput.omit({ [r.id]: true } as never) as z.ZodObject<Omit<Update["shape"], Id>>;
  const many = `/v1/${r.segment}`;
  const one = `${many}/{${r.id}}`;
  const at = { kinds: ["manufacturer"] as const };
  // What records.ts answers for every kind: `material-code-taken`, `work-centre-not-found`, …
  const what = r.noun.replace(/ /g, "-");
  const missing = { 404: [`${what}-not-found`] };
  return {
    list: route({
      method: "GET",
      path: many,
      summary: `List the ${r.plural} of your organisation`,
      roles: r.readers,
      ...at,
      response: Page(r.schemas.Info),
    }),
    create: route({
      method: "POST",
      path: many,
      summary: `Create a ${r.noun} (its code must be new: 409 if taken)`,
      roles: r.writers,
      ...at,
      request: { body: r.schemas.CreateInput },
      response: r.schemas.Info,
      status: 201,
      idempotent: true,
      errors: { ...r.errors?.create, 409: [`${what}-code-taken`, ...(r.errors?.create?.[409] ?? [])] },
    }),
    get: route({
      method: "GET",
      path: one,
      summary: `One ${r.noun}`,
      roles: r.readers,
      ...at,
      request: { params },
      response: r.schemas.Info,
      errors: missing,
    }),
    update: route({
      method: "PUT",
      path: one,
      summary: `Change a ${r.noun} (a new version; the reason is required, the code never changes)`,
      roles: r.writers,
      ...at,
      request: { params, body: changes },
      response: r.schemas.Info,
      errors: {
        ...r.errors?.update,
        404: [...missing[404], ...(r.errors?.update?.[404] ?? [])],
        409: ["concurrent-change", ...(r.errors?.update?.[409] ?? [])],
      },
    }),
    versions: route({
      method: "GET",
      path: `${one}/versions`,
      summary: `Every version of a ${r.noun}: who changed it, when, why, and the record as it was`,
      roles: r.readers,
      ...at,
      request: { params },
      response: Page(versionOf(r.schemas.Info)),
      errors: missing,
    }),
  };
}

export type VersionedRecordContracts = ReturnType<typeof versionedRecordRoutes>;
