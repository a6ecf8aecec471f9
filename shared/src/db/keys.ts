/**
 * The one place that knows how the table's keys begin and how ElectroDB marks an item. Every key
 * starts with its tenant, `t#<tenantId>#…`, so an IAM `dynamodb:LeadingKeys` condition confines a
 * tenant's credentials to its own items (ARCHITECTURE.md, Data); the `#` after the id stops `acme`
 * matching `acme2`.
 */
const TENANT = "t#";

/** `t#<tenantId>#`: what every partition key of the tenant starts with. */
export const tenantPrefix = (tenantId: string) => `${TENANT}${tenantId}#`;

/** The tenant whose key this is, or undefined for a key that is not a tenant's. */
const TENANT_OF_KEY = new RegExp(`^${TENANT}([^#]+)#`);
export const tenantOfKey = (key: unknown) => (typeof key === "string" ? TENANT_OF_KEY.exec(key)?.[1] : undefined);

/** A key template for an ElectroDB entity: `tenantKey("stock#${materialId}")` → `t#${tenantId}#stock#${materialId}`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an ElectroDB key template, filled in by ElectroDB
export const tenantKey = (rest: string) => `${tenantPrefix("${tenantId}")}${rest}`;

/** The IAM leading-key pattern of one tenant (the id may be a policy variable). */
export const tenantKeyPattern = (tenantId: string) => `${tenantPrefix(tenantId)}*`;

/** The attribute ElectroDB writes the entity name of every item into. */
export const ENTITY_ATTRIBUTE = "__edb_e__";

/** The entity an item (or a stream image) belongs to. */
export const entityOf = (item: Record<string, unknown> | undefined): string | undefined => {
  const name = item?.[ENTITY_ATTRIBUTE];
  return typeof name === "string" ? name : undefined;
};
