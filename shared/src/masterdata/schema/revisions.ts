import { z } from "zod";
import { field, IsoDate } from "./fields.ts";

/** What every BOM or route revision reports about itself. */
export const RevisionMeta = {
  productId: field(z.uuid(), "The product this revision belongs to", "所属产品"),
  revision: field(z.number().int().min(1), "Revision number, 1, 2, 3… per product", "版本号（每个产品从 1 递增）"),
  state: field(
    z.enum(["draft", "released"]),
    "Draft (editable) or released (immutable)",
    "草稿（可编辑）或已发布（不可变）",
  ),
  effectiveFrom: field(IsoDate.optional(), "First day the released revision applies", "生效日期"),
  effectiveTo: field(
    IsoDate.optional(),
    "Day the next revision took over (exclusive)",
    "失效日期（由下一版本接替，不含当日）",
  ),
  note: field(z.string().trim().min(1).max(500), "What this revision changes", "本版本变更说明"),
  createdBy: field(z.string(), "Who drafted it", "起草人"),
  createdAt: field(z.string(), "When it was drafted", "起草时间"),
  releasedBy: field(z.string().optional(), "Who released it", "发布人"),
  releasedAt: field(z.string().optional(), "When it was released", "发布时间"),
  releaseReason: field(z.string().optional(), "Why it was released", "发布原因"),
  changedAt: field(z.string().optional(), "When it last changed", "最后变更时间"),
  changedBy: field(z.string().optional(), "Who last changed it", "最后变更人"),
};
