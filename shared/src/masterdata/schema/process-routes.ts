import { z } from "zod";
import { Code, field } from "./fields.ts";
import { RevisionMeta } from "./revisions.ts";

export const Operation = z.object({
  sequence: field(z.number().int().min(1).max(9999), "Order of the operation in the route", "工序顺序号"),
  code: field(Code, "Operation code, unique in the route", "工序编码（路线内唯一）"),
  name: field(z.string().trim().min(1).max(200), "Operation name", "工序名称"),
  workCentreId: field(z.uuid(), "Where it is performed", "执行的工作中心"),
  setupMinutes: field(z.number().min(0).max(10_000), "Setup time per order, minutes", "准备时间（分钟/批）"),
  runMinutes: field(z.number().min(0).max(10_000), "Run time per unit, minutes", "单台加工时间（分钟）"),
  inspection: field(
    z.enum(["none", "first-article", "sampling", "every-unit"]),
    "In-process inspection at this operation",
    "本工序的过程检验方式",
  ),
});

export const Info = z.object({
  ...RevisionMeta,
  operations: field(z.array(Operation), "Operations in sequence", "按顺序的工序"),
});
export type Info = z.infer<typeof Info>;

/** A revision's content: what a draft is created or edited with. */
export const Content = z
  .object({
    note: RevisionMeta.note,
    operations: z.array(Operation).min(1, "a route needs at least one operation").max(200),
  })
  .refine((r) => new Set(r.operations.map((o) => o.sequence)).size === r.operations.length, {
    message: "sequence numbers must be unique",
    path: ["operations"],
  })
  .refine((r) => new Set(r.operations.map((o) => o.code)).size === r.operations.length, {
    message: "operation codes must be unique",
    path: ["operations"],
  })
  .transform((r) => ({ ...r, operations: [...r.operations].sort((a, b) => a.sequence - b.sequence) }));
