import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { type Assignee, assigneeOf } from "../early-warning/escalation.ts";
import { assertOwner } from "../early-warning/rules.ts";
import { mine, steers } from "../early-warning/tasks.ts";
import { conflict, forbidden, notFound, unprocessable } from "../errors/index.ts";
import { nowIso, today } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import * as Signatures from "../signature/signatures.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { CapaClosed, CapaOpened } from "./events.ts";
import { appended, load as loadNc, numberOf, whoActs } from "./nonconformances.ts";
import {
  AddActionInput,
  CapaQuery,
  type CapaStatus,
  CloseCapaInput,
  CompleteActionInput,
  EffectivenessInput,
  OpenCapaInput,
  RootCauseInput,
} from "./schema.ts";
import { type Capa, type CapaAction, CapaActionKey, CapaKey, type TimelineEntry } from "./views.ts";

/**
 * CAPA (QM-2, ISO 13485 §8.5.2–8.5.3, 21 CFR 820.100) as a state machine: investigating → root
 * cause found → implementing its actions (each with an owner and a due date) → verified effective
 * by a signed check → closed by a signed approval. A check that finds the actions did not work
 * leaves it implementing, with the failed check on record. Every step is one guarded write of the
 * CAPA's item (`rev`): two people acting at once cannot both win, and a stale page is told so.
 */
export interface CapaItem {
  tenantId: string;
  capaId: string;
  capaNo: string;
  rev: number;
  kind: Capa["kind"];
  title: string;
  problem: string;
  ncIds: string[];
  owner: string;
  dueOn: string;
  status: CapaStatus;
  rootCause?: string;
  actions: string;
  checks: string;
  closure?: string;
  timeline: string;
  openedAt: string;
  openedBy: string;
}

const toCapa = (i: CapaItem, day = today()): Capa => ({
  capaId: i.capaId,
  capaNo: i.capaNo,
  rev: i.rev,
  kind: i.kind,
  title: i.title,
  problem: i.problem,
  ncIds: i.ncIds,
  owner: i.owner,
  dueOn: i.dueOn,
  overdue: i.status !== "closed" && i.dueOn < day,
  status: i.status,
  rootCause: i.rootCause ? (JSON.parse(i.rootCause) as Capa["rootCause"]) : null,
  actions: JSON.parse(i.actions) as CapaAction[],
  checks: JSON.parse(i.checks) as Capa["checks"],
  closure: i.closure ? (JSON.parse(i.closure) as Capa["closure"]) : null,
  openedAt: i.openedAt,
  openedBy: i.openedBy,
  timeline: JSON.parse(i.timeline) as TimelineEntry[],
});

async function load(capaId: string): Promise<CapaItem> {
  const { data } = await Db.entities.qmCapa.get({ tenantId: useTenantId(), capaId }).go({ consistent: true });
  if (!data) throw notFound("capa-not-found", "No such CAPA");
  return data as CapaItem;
}

const changedMeanwhile = (capa: CapaItem) =>
  conflict("capa-changed", `${capa.capaNo} was changed by someone else; reload it and try again`, { rev: capa.rev });

/** The CAPA at the revision the caller read, in one of the states the step is allowed from. */
async function loadFor(capaId: string, expectedRev: number, step: string, ...allowed: CapaStatus[]) {
  const capa = await load(capaId);
  if (capa.rev !== expectedRev) throw changedMeanwhile(capa);
  if (!allowed.includes(capa.status)) {
    throw conflict("capa-step-not-allowed", `${capa.capaNo} is ${capa.status}: it cannot be ${step} now`, {
      status: capa.status,
    });
  }
  return capa;
}

/** One guarded write of a step: the fields it sets, its timeline entry, its events and signature. */
function step(
  capa: CapaItem,
  change: Partial<CapaItem>,
  entry: Omit<TimelineEntry, "by" | "at"> & { at?: string },
  extra: { signature?: Signatures.Signature; events?: Parameters<typeof commit>[0]["events"] } = {},
): Promise<Capa> {
  const at = entry.at ?? nowIso();
  const next = {
    ...change,
    rev: capa.rev + 1,
    timeline: appended(capa.timeline, { ...entry, at, by: whoActs() }),
  };
  const sig = extra.signature;
  return commit({
    writes: (e) => [
      e.qmCapa
        .patch({ tenantId: capa.tenantId, capaId: capa.capaId })
        .set(next)
        .where((a, op) => op.eq(a.rev, capa.rev))
        .commit(),
      ...(sig ? [Signatures.write(sig)(e)] : []),
    ],
    events: extra.events,
    result: toCapa({ ...capa, ...next }),
    conditionFailed: () => changedMeanwhile(capa),
  });
}

export const open = fn(OpenCapaInput, async (input): Promise<Capa> => {
  await assertOwner(input.owner);
  const ncIds = [...new Set(input.ncIds)];
  const ncs = await Promise.all(ncIds.map(loadNc));
  const taken = ncs.find((n) => n.capaId);
  if (taken)
    throw conflict("nc-has-capa", `${taken.ncNo} is investigated by another CAPA already`, {
      ncId: taken.ncId,
      capaId: taken.capaId,
    });
  const at = nowIso();
  const capaId = uuid();
  const item: CapaItem = {
    tenantId: useTenantId(),
    capaId,
    capaNo: numberOf("CAPA", capaId, at),
    rev: 1,
    kind: input.kind,
    title: input.title,
    problem: input.problem,
    ncIds,
    owner: assigneeOf(input.owner),
    dueOn: input.dueOn,
    status: "investigating",
    actions: "[]",
    checks: "[]",
    timeline: JSON.stringify([{ at, by: whoActs(), step: "opened", note: input.title }] satisfies TimelineEntry[]),
    openedAt: at,
    openedBy: actorId(),
  };
  return commit({
    writes: (e) => [
      e.qmCapa.create(item).commit(),
      // Each report it investigates points at it, unless another CAPA took the report meanwhile.
      ...ncs.map((nc) =>
        e.qmNc
          .patch({ tenantId: nc.tenantId, ncId: nc.ncId })
          .set({
            capaId,
            rev: nc.rev + 1,
            timeline: appended(nc.timeline, { at, by: whoActs(), step: "capa-opened", note: item.capaNo }),
          })
          .where((a, op) => op.eq(a.rev, nc.rev))
          .commit(),
      ),
    ],
    events: [emit(CapaOpened, { capaId, capaNo: item.capaNo, ncIds })],
    result: toCapa(item),
    conditionFailed: (i) =>
      conflict("nc-has-capa", `${ncs[i - 1]?.ncNo ?? "A report"} changed at the same time; try again`),
  });
});

export const list = fn(CapaQuery, async ({ status }): Promise<Capa[]> => {
  const statuses = status ? [status] : (["investigating", "implementing", "verified", "closed"] as const);
  const pages = await Promise.all(
    statuses.map((s) => Db.entities.qmCapa.query.byStatus({ tenantId: useTenantId(), status: s }).go({ pages: "all" })),
  );
  const day = today();
  return pages
    .flatMap((p) => p.data as CapaItem[])
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((c) => toCapa(c, day));
});

export const get = fn(CapaKey, async ({ capaId }) => toCapa(await load(capaId)));

/** The investigation and its root cause: the CAPA moves on to its actions. */
export const recordRootCause = fn(
  CapaKey.extend(RootCauseInput.shape),
  async ({ capaId, expectedRev, ...found }): Promise<Capa> => {
    const capa = await loadFor(capaId, expectedRev, "given a root cause", "investigating");
    const rootCause = { ...found, by: whoActs(), at: nowIso() };
    return step(
      capa,
      { status: "implementing", rootCause: JSON.stringify(rootCause) },
      { step: "root-cause", note: `${found.category}: ${found.rootCause}` },
    );
  },
);

export const addAction = fn(
  CapaKey.extend(AddActionInput.shape),
  async ({ capaId, expectedRev, description, owner, dueOn }): Promise<Capa> => {
    const capa = await loadFor(capaId, expectedRev, "given an action", "implementing");
    await assertOwner(owner);
    const action: CapaAction = { actionId: uuid(), description, owner: assigneeOf(owner), dueOn, status: "open" };
    const actions = [...(JSON.parse(capa.actions) as CapaAction[]), action];
    return step(capa, { actions: JSON.stringify(actions) }, { step: "action-added", note: description });
  },
);

/** An action is done by its owner (the person, or anyone holding the role), or by quality, as a task is. */
const mayComplete = (action: CapaAction) => steers() || mine().includes(action.owner as Assignee);

export const completeAction = fn(
  CapaActionKey.extend(CompleteActionInput.shape),
  async ({ capaId, actionId, expectedRev, outcome }): Promise<Capa> => {
    const capa = await loadFor(capaId, expectedRev, "given a finished action", "implementing");
    const actions = JSON.parse(capa.actions) as CapaAction[];
    const action = actions.find((a) => a.actionId === actionId);
    if (!action) throw notFound("capa-action-not-found", `${capa.capaNo} has no such action`);
    if (!mayComplete(action)) throw forbidden("not-your-action", "This action is owned by someone else");
    if (action.status === "done") throw conflict("capa-action-done", "This action is done already");
    const at = nowIso();
    const done = actions.map((a) =>
      a.actionId === actionId ? { ...a, status: "done" as const, outcome, doneBy: actorId(), doneAt: at } : a,
    );
    return step(capa, { actions: JSON.stringify(done) }, { at, step: "action-done", note: outcome });
  },
);

/**
 * The effectiveness check, signed (meaning "verified"): only once every action is done. Effective,
 * the CAPA is verified and can be closed; not effective, it stays implementing for new actions.
 */
export const checkEffectiveness = fn(
  CapaKey.extend(EffectivenessInput.shape),
  async ({ capaId, expectedRev, criteria, evidence, effective, signature }): Promise<Capa> => {
    const capa = await loadFor(capaId, expectedRev, "checked for effectiveness", "implementing");
    const actions = JSON.parse(capa.actions) as CapaAction[];
    if (!actions.length) throw unprocessable("capa-has-no-actions", `${capa.capaNo} has no actions to check`);
    const open = actions.filter((a) => a.status === "open");
    if (open.length) {
      throw unprocessable("capa-actions-open", `${open.length} action(s) of ${capa.capaNo} are not done`, {
        actionIds: open.map((a) => a.actionId),
      });
    }
    const checks = JSON.parse(capa.checks) as Capa["checks"];
    const verdict = { criteria, evidence, effective };
    const sig = await Signatures.sign(
      { ...signature, meaning: "verified" },
      `capa/${capaId}/effectiveness/${checks.length + 1}`,
      { capaId, capaNo: capa.capaNo, actions, ...verdict },
    );
    const check = { ...verdict, at: sig.signedAt, signatureId: sig.signatureId, manifest: sig.manifest };
    return step(
      capa,
      { status: effective ? "verified" : "implementing", checks: JSON.stringify([...checks, check]) },
      {
        at: sig.signedAt,
        step: effective ? "verified-effective" : "found-not-effective",
        note: evidence,
        signature: sig.manifest,
      },
      { signature: sig },
    );
  },
);

/** The closure, signed (meaning "approved") over the whole record as it stands. */
export const close = fn(
  CapaKey.extend(CloseCapaInput.shape),
  async ({ capaId, expectedRev, summary, signature }): Promise<Capa> => {
    const capa = await loadFor(capaId, expectedRev, "closed", "verified");
    const { timeline: _, ...record } = toCapa(capa);
    const sig = await Signatures.sign({ ...signature, meaning: "approved" }, `capa/${capaId}/closure`, {
      ...record,
      summary,
    });
    const closure = { summary, at: sig.signedAt, signatureId: sig.signatureId, manifest: sig.manifest };
    return step(
      capa,
      { status: "closed", closure: JSON.stringify(closure) },
      { at: sig.signedAt, step: "closed", note: summary, signature: sig.manifest },
      { signature: sig, events: [emit(CapaClosed, { capaId, capaNo: capa.capaNo, ncIds: capa.ncIds })] },
    );
  },
);
