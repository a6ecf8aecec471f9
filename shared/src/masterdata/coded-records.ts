import { z } from "zod";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import {
  commitPlan,
  entity,
  type Item,
  idOfCode,
  listVersions,
  loadRecord,
  planCreate,
  planUpdate,
  updateRecord,
} from "./records.ts";
import { RecordMeta } from "./schema/fields.ts";

/** Master records known by a server-made id (`materialId`…) and a code unique in the organisation. */
type CodedKind = "material" | "supplier" | "customer";

/**
 * Create, read, list, change and history of one kind of coded master record: materials, suppliers
 * and customers follow the same rules, so they are written once. The code never changes after
 * creation (other records and printed labels refer to it).
 */
export function codedRecords<
  K extends CodedKind,
  I extends Item & { code: string },
  C extends z.ZodType<Item & { code: string }>,
  U extends z.ZodType<Item & { reason: string }>,
>(kind: K, { Info, CreateInput, UpdateInput }: { Info: z.ZodType<I>; CreateInput: C; UpdateInput: U }) {
  const idField = `${kind}Id` as const;
  const Key = z.object({ [idField]: z.string() } as Record<`${K}Id`, z.ZodString>);
  const keyOf = (id: string) => ({ [idField]: id });
  const idOf = (input: Item) => input[idField] as string;
  const load = (id: string) => loadRecord(kind, keyOf(id), kind);

  /** The writes of a new record (the CSV import commits several in one transaction). */
  const planNew = (input: z.infer<C>) => {
    const { code } = input;
    const recordId = uuid();
    return planCreate({
      kind,
      recordId,
      codes: [
        {
          kind,
          code,
          takenCode: `${kind}-code-taken`,
          takenMessage: `A ${kind} with the code ${code} already exists`,
        },
      ],
      item: { ...input, ...keyOf(recordId) },
      info: Info,
    });
  };

  const get = fn(Key, async (key) => Info.parse(await load(idOf(key))));

  return {
    planNew,
    create: fn(CreateInput, (input) => commitPlan(planNew(input))),
    get,

    /** Every record of the kind in the organisation, by code. */
    async list(): Promise<I[]> {
      const { data } = await entity(kind).query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
      return (data as Item[]).map((r) => Info.parse(r)).sort((a, b) => a.code.localeCompare(b.code));
    },

    /** Replace the editable fields, with the reason the history records. */
    update: fn(UpdateInput, async (input) => {
      const { reason, ...fields } = input as Item & { reason: string };
      const id = idOf(fields);
      delete fields[idField];
      return updateRecord({ kind, recordId: id, key: keyOf(id), before: await load(id), fields, info: Info, reason });
    }),

    versions: fn(Key, async (key) => {
      await load(idOf(key));
      return listVersions(kind, idOf(key), Info);
    }),

    byCode: fn(z.object({ code: RecordMeta.code }), async ({ code }) => {
      const id = await idOfCode(kind, code);
      return id ? get(keyOf(id) as z.input<typeof Key>) : undefined;
    }),

    /** The writes that bring an existing record to `fields`; undefined when nothing differs. */
    planChange: (before: Item, fields: Item, reason: string) =>
      planUpdate({ kind, recordId: idOf(before), key: keyOf(idOf(before)), before, fields, info: Info, reason }),
  };
}
