import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { now, nowIso } from "../ports/clock.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { dueAt, periodOf, warnAt } from "./clocks.ts";
import {
  type Case,
  CaseQuery,
  type Clock,
  CloseBody,
  ComplaintKey,
  type Decision,
  DecisionBody,
  type Note,
  NoteBody,
  type Status,
  SubmissionBody,
} from "./schema.ts";
import { type CaseItem, clocksOf, toCase } from "./views.ts";

/**
 * The manufacturer's side (TR-4): the cases its linked hospitals reported, investigated with notes,
 * a reportability decision that starts the reporting clocks, a submission per clock, and a close
 * with a reason. The status moves received → under-investigation → reported → closed (a case
 * found not reportable closes from under-investigation). Every change is conditional on the
 * revision it read: two people acting at once cannot both win.
 */
const STATUSES: Status[] = ["received", "under-investigation", "reported", "closed"];
/** Notes kept on the case item; far below the item size limit at 4,000 characters each. */
const MAX_NOTES = 50;

export async function find(complaintId: string): Promise<CaseItem | undefined> {
  const { data } = await Db.entities.complaintCase
    .get({ tenantId: useTenantId(), complaintId })
    .go({ consistent: true });
  return (data as CaseItem | null) ?? undefined;
}

async function load(complaintId: string): Promise<CaseItem> {
  const item = await find(complaintId);
  if (!item) throw notFound("complaint-not-found", "No such complaint of your organisation");
  return item;
}

function open(item: CaseItem): CaseItem {
  if (item.status === "closed") throw conflict("complaint-closed", "The complaint is closed");
  return item;
}

/** Write the changed fields of a case if its revision is still the one read. */
export function save(item: CaseItem, change: Partial<CaseItem>): Promise<Case> {
  const rev = item.rev + 1;
  const { tenantId, complaintId } = item;
  return commit({
    writes: (e) => [
      e.complaintCase
        .patch({ tenantId, complaintId })
        .set({ ...change, rev } as never)
        .where((a, op) => op.eq(a.rev, item.rev))
        .commit(),
    ],
    result: toCase({ ...item, ...change, rev }),
    conditionFailed: () => conflict("complaint-changed", "The complaint changed at the same time; reload"),
  });
}

/** The manufacturer's cases, of a status (all when absent), oldest awareness first. */
export const list = fn(CaseQuery, async ({ status }) => {
  const tenantId = useTenantId();
  const pages = await Promise.all(
    (status ? [status] : STATUSES).map((s) =>
      Db.entities.complaintCase.query.byStatus({ tenantId, status: s }).go({ pages: "all" }),
    ),
  );
  return pages
    .flatMap((p) => p.data as CaseItem[])
    .sort((a, b) => a.awareAt.localeCompare(b.awareAt))
    .map(toCase);
});

export const get = fn(ComplaintKey, async ({ complaintId }) => toCase(await load(complaintId)));

/** An investigation note; the first one starts the investigation. */
export const note = fn(ComplaintKey.extend({ body: NoteBody }), async ({ complaintId, body }) => {
  const item = open(await load(complaintId));
  const notes = JSON.parse(item.notes) as Note[];
  if (notes.length >= MAX_NOTES) throw unprocessable("too-many-notes", `A complaint keeps at most ${MAX_NOTES} notes`);
  const added: Note = { text: body.text, by: actorId(), at: nowIso() };
  return save(item, {
    notes: JSON.stringify([...notes, added]),
    ...(item.status === "received" && { status: "under-investigation" as const }),
  });
});

/**
 * The reportability decision, made once: each regime named gets its clock, counted from the
 * awareness date (clocks.ts). A complaint found not reportable gets no clock and may be closed.
 */
export const decide = fn(ComplaintKey.extend({ body: DecisionBody }), async ({ complaintId, body }) => {
  const item = open(await load(complaintId));
  if (item.decision) throw conflict("decision-made", "The reportability decision was made already");
  const awareAt = new Date(item.awareAt);
  const clocks: Clock[] = body.regimes.map((regime) => {
    const period = periodOf(regime, body);
    const due = dueAt(awareAt, period);
    return {
      regime,
      ...period,
      dueAt: due.toISOString(),
      warnAt: warnAt(due, period).toISOString(),
      alerted: 0,
      submittedAt: null,
      reference: null,
    };
  });
  const decision: Decision = { ...body, by: actorId(), at: nowIso() };
  return save(item, {
    decision: JSON.stringify(decision),
    clocks: JSON.stringify(clocks),
    status: "under-investigation",
  });
});

/** The report to one authority, with its reference; the last one due makes the case reported. */
export const submit = fn(ComplaintKey.extend({ body: SubmissionBody }), async ({ complaintId, body }) => {
  const item = open(await load(complaintId));
  const clocks = clocksOf(item);
  const clock = clocks.find((c) => c.regime === body.regime);
  if (!clock) throw unprocessable("regime-not-reportable", `No ${body.regime} report is due for this complaint`);
  if (clock.submittedAt) throw conflict("report-submitted", `The ${body.regime} report was recorded already`);
  const at = now().toISOString();
  const next = clocks.map((c) => (c === clock ? { ...c, submittedAt: at, reference: body.reference } : c));
  return save(item, {
    clocks: JSON.stringify(next),
    ...(next.every((c) => c.submittedAt) && { status: "reported" as const }),
  });
});

/** Closed with a reason, once every report due was made (or none was due). */
export const close = fn(ComplaintKey.extend({ body: CloseBody }), async ({ complaintId, body }) => {
  const item = open(await load(complaintId));
  if (!item.decision) throw conflict("decision-missing", "Decide whether the complaint is reportable first");
  if (clocksOf(item).some((c) => !c.submittedAt)) {
    throw conflict("report-outstanding", "A report due to an authority has not been recorded");
  }
  return save(item, { status: "closed", closeReason: body.reason });
});
