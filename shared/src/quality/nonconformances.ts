import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { find as findAlert, toAlert } from "../early-warning/alerts.ts";
import { completionWrite, derivedId } from "../early-warning/tasks.ts";
import { conflict, notFound, unprocessable, validation } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import * as Signatures from "../signature/signatures.ts";
import { actorId, useActor, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { NonconformanceDispositioned, NonconformanceReported } from "./events.ts";
import { DispositionInput, NcQuery, NcSubjectKind, RaiseNcInput } from "./schema.ts";
import { NcKey, type Nonconformance, type TimelineEntry } from "./views.ts";

/**
 * Nonconformance reports (QM-2, ISO 13485 §8.3): raised wherever a deviation is found, dispositioned
 * once under an electronic signature. One raised from an early-warning alert carries the alert's
 * evidence, is the only report of that alert, and completes the alert's open task in the same
 * transaction: the loop alert → task → report is closed by one act.
 */
export interface NcItem {
  tenantId: string;
  ncId: string;
  ncNo: string;
  rev: number;
  title: string;
  description: string;
  severity: Nonconformance["severity"];
  source: string;
  subjectKind: string;
  subjectId: string;
  quantity?: number;
  status: Nonconformance["status"];
  disposition?: string;
  capaId?: string;
  timeline: string;
  raisedAt: string;
  raisedBy: string;
}

export const toNc = (i: NcItem): Nonconformance => ({
  ncId: i.ncId,
  ncNo: i.ncNo,
  rev: i.rev,
  title: i.title,
  description: i.description,
  severity: i.severity,
  source: JSON.parse(i.source) as Nonconformance["source"],
  subject: { kind: i.subjectKind, id: i.subjectId },
  quantity: i.quantity ?? null,
  status: i.status,
  disposition: i.disposition ? (JSON.parse(i.disposition) as Nonconformance["disposition"]) : null,
  capaId: i.capaId ?? null,
  raisedAt: i.raisedAt,
  raisedBy: i.raisedBy,
  timeline: JSON.parse(i.timeline) as TimelineEntry[],
});

/** `NCR-2612-3F2A`: the month it was raised and the start of its id, as a register lists it. */
export const numberOf = (prefix: string, id: string, at: string) =>
  `${prefix}-${at.slice(2, 4)}${at.slice(5, 7)}-${id.slice(0, 4).toUpperCase()}`;

/** A report's id when raised from an alert: derived, so the alert has one report however often it is asked. */
export const ncIdOfAlert = (alertId: string) => derivedId("nonconformance", alertId);

export async function find(ncId: string): Promise<NcItem | undefined> {
  const { data } = await Db.entities.qmNc.get({ tenantId: useTenantId(), ncId }).go({ consistent: true });
  return (data as NcItem | null) ?? undefined;
}

export async function load(ncId: string): Promise<NcItem> {
  const item = await find(ncId);
  if (!item) throw notFound("nonconformance-not-found", "No such nonconformance report");
  return item;
}

/** `process-parameter:Flow rate accuracy` → its kind and id, when the kind is one a report knows. */
function subjectOfAlert(subject: string) {
  const at = subject.indexOf(":");
  const kind = NcSubjectKind.safeParse(subject.slice(0, at));
  return kind.success && at > 0
    ? { kind: kind.data, id: subject.slice(at + 1) }
    : { kind: "other" as const, id: subject };
}

export const raise = fn(RaiseNcInput, async (input): Promise<Nonconformance> => {
  const at = nowIso();
  const by = actorId();
  let ncId = uuid();
  let source: Record<string, unknown> = input.source;
  let subject = input.subject;
  let completeTask: Awaited<ReturnType<typeof completionWrite>>;
  if (input.source.kind === "alert") {
    const alert = await findAlert(input.source.alertId);
    if (!alert) throw notFound("alert-not-found", "No such alert");
    ncId = ncIdOfAlert(alert.alertId);
    const earlier = await find(ncId);
    if (earlier) {
      throw conflict("alert-has-nonconformance", `${earlier.ncNo} was raised from this alert already`, { ncId });
    }
    const view = toAlert(alert);
    source = {
      kind: "alert",
      alertId: alert.alertId,
      ruleId: alert.ruleId,
      ruleName: alert.ruleName,
      grade: alert.grade,
      raisedAt: alert.raisedAt,
      count: alert.count,
      firing: view.firing,
    };
    subject ??= subjectOfAlert(alert.subject);
    completeTask = await completionWrite(alert.alertId, alert.level, "nonconformance", numberOf("NCR", ncId, at));
  }
  if (!subject) {
    throw validation("subject-required", "Say what is nonconforming", [
      { path: "subject", message: "a lot, serial, supplier, product… and its identifier" },
    ]);
  }
  const item: NcItem = {
    tenantId: useTenantId(),
    ncId,
    ncNo: numberOf("NCR", ncId, at),
    rev: 1,
    title: input.title,
    description: input.description,
    severity: input.severity,
    source: JSON.stringify(source),
    subjectKind: subject.kind,
    subjectId: subject.id,
    quantity: input.quantity,
    status: "open",
    timeline: JSON.stringify([{ at, by: whoActs(), step: "raised", note: input.title }] satisfies TimelineEntry[]),
    raisedAt: at,
    raisedBy: by,
  };
  return commit({
    writes: (e) => [e.qmNc.create(item).commit(), ...(completeTask ? [completeTask(e)] : [])],
    events: [
      emit(NonconformanceReported, {
        ncId,
        ncNo: item.ncNo,
        severity: item.severity,
        source: input.source.kind,
        subject: `${subject.kind}:${subject.id}`,
      }),
    ],
    result: toNc(item),
    conditionFailed: (i) =>
      i === 0
        ? conflict("alert-has-nonconformance", "A report was raised from this alert at the same time", { ncId })
        : conflict("task-not-open", "The alert's task changed at the same time; try again"),
  });
});

export const list = fn(NcQuery, async ({ status, alertId }): Promise<Nonconformance[]> => {
  if (alertId) {
    const nc = await find(ncIdOfAlert(alertId));
    return nc && (!status || nc.status === status) ? [toNc(nc)] : [];
  }
  const statuses = status ? [status] : (["open", "dispositioned"] as const);
  const pages = await Promise.all(
    statuses.map((s) => Db.entities.qmNc.query.byStatus({ tenantId: useTenantId(), status: s }).go({ pages: "all" })),
  );
  return pages
    .flatMap((p) => p.data as NcItem[])
    .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
    .map(toNc);
});

export const get = fn(NcKey, async ({ ncId }) => toNc(await load(ncId)));

/** Who a timeline names: a person by their e-mail (readable on the record), the system by its name. */
export function whoActs(): string {
  const actor = useActor();
  return actor.type === "user" ? actor.email : actor.name;
}

/** Append to a record's timeline (JSON), as stored. */
export const appended = (timeline: string, entry: TimelineEntry) =>
  JSON.stringify([...(JSON.parse(timeline) as TimelineEntry[]), entry]);

/**
 * The disposition, once, signed by the quality engineer (meaning "approved"): the signature's
 * content is the decision itself, so it cannot be moved to another report or another decision.
 */
export const disposition = fn(
  NcKey.extend(DispositionInput.shape),
  async ({ ncId, disposition, reason, concessionNo, signature }): Promise<Nonconformance> => {
    const nc = await load(ncId);
    if (nc.status !== "open") {
      throw conflict("nc-already-dispositioned", `${nc.ncNo} was dispositioned already`);
    }
    if (disposition === "use-as-is" && !concessionNo) {
      throw unprocessable("concession-required", "Use as is needs the concession that allows it");
    }
    const decision = { disposition, reason, ...(concessionNo ? { concessionNo } : {}) };
    const sig = await Signatures.sign({ ...signature, meaning: "approved" }, `nonconformance/${ncId}/disposition`, {
      ncId,
      ncNo: nc.ncNo,
      ...decision,
    });
    const stored = { ...decision, signatureId: sig.signatureId, manifest: sig.manifest };
    const change = {
      rev: nc.rev + 1,
      status: "dispositioned" as const,
      disposition: JSON.stringify(stored),
      timeline: appended(nc.timeline, {
        at: sig.signedAt,
        by: whoActs(),
        step: "dispositioned",
        note: `${disposition}: ${reason}`,
        signature: sig.manifest,
      }),
    };
    return commit({
      writes: (e) => [
        e.qmNc
          .patch({ tenantId: nc.tenantId, ncId })
          .set(change)
          .where((a, op) => `${op.eq(a.rev, nc.rev)} AND ${op.eq(a.status, "open")}`)
          .commit(),
        Signatures.write(sig)(e),
      ],
      events: [emit(NonconformanceDispositioned, { ncId, ncNo: nc.ncNo, disposition })],
      result: toNc({ ...nc, ...change }),
      conditionFailed: () => conflict("nc-already-dispositioned", `${nc.ncNo} was dispositioned at the same time`),
    });
  },
);
