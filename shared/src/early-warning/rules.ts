import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { isRoleOfKind } from "../tenant/schema.ts";
import { getTenant } from "../tenant/tenants.ts";
import { fn } from "../util/fn.ts";
import { backtest as replay } from "./backtest.ts";
import { CreateRuleBody, type Owner, type Rule, readRule, UpdateRuleBody } from "./schema.ts";
import { BacktestInput, RuleKey, type RuleVersion, type RuleView, Toggle } from "./views.ts";

/**
 * Rules as data (EW-4): created, replaced, enabled and disabled through the API; every change is a
 * new version, guarded by the version it was read at, with who, when and why kept per version.
 */
interface RuleItem {
  tenantId: string;
  ruleId: string;
  version: number;
  definition: string;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  changedAt?: string;
  changedBy?: string;
}

type Fields = Omit<Rule, "ruleId" | "version">;

const ruleOf = (i: RuleItem): Rule =>
  readRule({ ...(JSON.parse(i.definition) as Fields), enabled: i.enabled, ruleId: i.ruleId, version: i.version });

const toView = (i: RuleItem): RuleView => {
  const { ruleId, version, ...fields } = ruleOf(i);
  return {
    ruleId,
    version,
    ...fields,
    condition: fields.condition as Record<string, unknown>,
    createdAt: i.createdAt,
    createdBy: i.createdBy,
    changedAt: i.changedAt ?? i.createdAt,
    changedBy: i.changedBy ?? i.createdBy,
  };
};

/** The tenant's rules, parsed (the warning handler routes observations over the enabled ones). */
/** The tenant's rules, each with when it was created: it watches what is measured from then on. */
export async function all(): Promise<(Rule & { createdAt: string })[]> {
  const { data } = await Db.entities.ewRule.query.byRule({ tenantId: useTenantId() }).go({ pages: "all" });
  return (data as RuleItem[]).map((i) => ({ ...ruleOf(i), createdAt: i.createdAt }));
}

export async function list(): Promise<RuleView[]> {
  const { data } = await Db.entities.ewRule.query.byRule({ tenantId: useTenantId() }).go({ pages: "all" });
  return (data as RuleItem[]).map(toView).sort((a, b) => a.name.localeCompare(b.name));
}

async function load(ruleId: string): Promise<RuleItem> {
  const { data } = await Db.entities.ewRule.get({ tenantId: useTenantId(), ruleId }).go({ consistent: true });
  if (!data) throw notFound("rule-not-found", "No such rule in your organisation");
  return data as RuleItem;
}

export const get = fn(RuleKey, async ({ ruleId }) => {
  const item = await load(ruleId);
  const { data } = await Db.entities.ewRuleVersion.query
    .byVersion({ tenantId: useTenantId(), ruleId })
    .go({ pages: "all" });
  const history: RuleVersion[] = (data as (RuleVersion & { definition: string })[])
    .map(({ version, at, by, reason }) => ({ version, at, by, reason }))
    .sort((a, b) => a.version - b.version);
  return { ...toView(item), history };
});

/** An owner the tenant has: a role of its kind, or one of its users (a rule's, a CAPA's). */
export async function assertOwner(owner: Owner): Promise<void> {
  if (owner.type === "role") {
    const { kind } = await getTenant();
    if (!isRoleOfKind(kind, owner.role)) {
      throw unprocessable("role-not-of-tenant-kind", `A ${kind} has no role ${owner.role}`);
    }
    return;
  }
  const { data } = await Db.entities.user.get({ tenantId: useTenantId(), userId: owner.userId }).go();
  if (!data) throw unprocessable("owner-not-found", "The owner is not a user of your organisation");
}

const versionItem = (ruleId: string, version: number, fields: Fields, reason: string) => ({
  tenantId: useTenantId(),
  ruleId,
  version,
  definition: JSON.stringify(fields),
  by: actorId(),
  at: nowIso(),
  reason,
});

export const create = fn(CreateRuleBody, async ({ reason, ...fields }): Promise<RuleView> => {
  await assertOwner(fields.owner);
  const tenantId = useTenantId();
  const ruleId = uuid();
  const item: RuleItem = {
    tenantId,
    ruleId,
    version: 1,
    definition: JSON.stringify(fields),
    enabled: fields.enabled,
    createdAt: nowIso(),
    createdBy: actorId(),
  };
  return commit({
    writes: (e) => [
      e.ewRule.create(item).commit(),
      e.ewRuleVersion.create(versionItem(ruleId, 1, fields, reason ?? "created")).commit(),
    ],
    result: toView(item),
  });
});

/** A new version of the rule; the evaluation state of the old one starts afresh (evaluate.ts). */
async function change(ruleId: string, expectedVersion: number, fields: Fields, reason: string): Promise<RuleView> {
  const before = await load(ruleId);
  if (before.version !== expectedVersion) {
    throw conflict("version-mismatch", `The rule is at version ${before.version}, not ${expectedVersion}; reload`);
  }
  const version = expectedVersion + 1;
  const after: RuleItem = {
    ...before,
    version,
    definition: JSON.stringify(fields),
    enabled: fields.enabled,
    changedAt: nowIso(),
    changedBy: actorId(),
  };
  return commit({
    writes: (e) => [
      e.ewRule
        .patch({ tenantId: before.tenantId, ruleId })
        .set({ version, definition: after.definition, enabled: fields.enabled })
        .where((a, op) => op.eq(a.version, expectedVersion))
        .commit(),
      e.ewRuleVersion.create(versionItem(ruleId, version, fields, reason)).commit(),
    ],
    result: toView(after),
    conditionFailed: () => conflict("version-mismatch", "The rule was changed at the same time; reload"),
  });
}

export const update = fn(RuleKey.extend({ body: UpdateRuleBody }), ({ ruleId, body }) => {
  const { expectedVersion, reason, ...fields } = body;
  return assertOwner(fields.owner).then(() => change(ruleId, expectedVersion, fields, reason));
});

const toggle = (enabled: boolean) =>
  fn(RuleKey.extend(Toggle.shape), async ({ ruleId, expectedVersion, reason }) => {
    const { ruleId: _id, version: _v, ...fields } = ruleOf(await load(ruleId));
    if (fields.enabled === enabled) {
      throw conflict(
        enabled ? "rule-enabled" : "rule-disabled",
        `The rule is already ${enabled ? "enabled" : "disabled"}`,
      );
    }
    return change(ruleId, expectedVersion, { ...fields, enabled }, reason);
  });

export const enable = toggle(true);
export const disable = toggle(false);

/** What a rule would have fired on these observations ("this rule would have fired on these points"). */
export const backtest = fn(BacktestInput, ({ rule, observations, until }) => {
  const asRule = readRule({ ...rule, ruleId: "00000000-0000-4000-8000-000000000000", version: 1 });
  const firings = replay(asRule, observations, until === undefined ? undefined : new Date(until));
  return {
    firings: firings.map((f) => ({
      subject: f.subject,
      at: f.at,
      ...(f.eventId !== undefined && { eventId: f.eventId }),
      values: f.values,
      evidence: f.evidence as unknown as Record<string, unknown>,
    })),
  };
});
