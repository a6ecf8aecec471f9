import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status, Text } from "./fields.ts";

const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Asia/Shanghai");

export const Info = z.object({
  siteId: field(z.uuid(), "Site id (server-generated)", "厂区 ID（系统生成）"),
  ...RecordMeta,
  name: field(Name, "Site name", "厂区名称"),
  address: field(Text.optional(), "Postal address", "地址"),
  timezone: field(TimeZone, "Local time zone of the site (shift and expiry dates)", "厂区所在时区"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({ name: true, address: true, timezone: true });

/** What creates one: its fields and a code that must be new. */
export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  siteId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
