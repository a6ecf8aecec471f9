import type { Metadata } from "next";
import Link from "next/link";
import { canAcknowledgeNotices } from "@/app/complaints/access";
import { StepForm } from "@/app/quality/step-form";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { acknowledgeNotice, reportDeviceState } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.postMarket.notices.title };
}

/** What the hospital can say of a recalled device it holds; the manufacturer records corrections. */
const NEXT_STATES = {
  affected: ["located", "quarantined", "returned"],
  located: ["quarantined", "returned"],
  quarantined: ["returned"],
} as const;

/** One recall notice: the manufacturer's reason and action, this hospital's devices, acknowledge, report states. */
export default async function RecallNoticePage({
  params,
  searchParams,
}: {
  params: Promise<{ noticeId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { noticeId } = await params;
  const { done } = await searchParams;
  const { user } = await requireUser(`/recall-notices/${noticeId}`);
  const { t, locale } = await getI18n();
  const pm = t.postMarket;
  const w = pm.notices;
  const read = await readRecord(t, api.recalls.recallNotices.getRecallNotice({ params: { noticeId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const notice = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const doneWords = w.done[done as keyof typeof w.done];
  const mayAct = canAcknowledgeNotices(user);
  return (
    <div className="stack" data-testid="notice" data-status={notice.status}>
      <p>
        <Link href="/recall-notices">← {w.back}</Link>
      </p>
      <StepDone words={doneWords} />
      <section className="card">
        <h2 className="card-title">
          {notice.manufacturerName} · {pm.campaigns.class} {notice.recallClass} · {pm.campaigns.actions[notice.action]}
        </h2>
        <dl className="facts">
          <dt>{w.issued}</dt>
          <dd>{when.format(new Date(notice.issuedAt))}</dd>
          <dt>{w.status}</dt>
          <dd data-testid="notice-status">{w.statuses[notice.status]}</dd>
        </dl>
        <p>{notice.reason}</p>
        {notice.acknowledgedAt && (
          <p className="hint" data-testid="notice-acknowledged">
            {format(w.acknowledged, {
              when: when.format(new Date(notice.acknowledgedAt)),
              by: notice.acknowledgedBy ?? "",
            })}
            {notice.acknowledgedSignature &&
              ` · ${format(pm.campaigns.signed, { manifest: notice.acknowledgedSignature })}`}
          </p>
        )}
      </section>
      {notice.status === "sent" && mayAct && (
        <section className="card" aria-labelledby="acknowledge-title">
          <h2 id="acknowledge-title" className="card-title">
            {w.acknowledge}
          </h2>
          <StepForm
            action={acknowledgeNotice}
            hidden={{ noticeId: notice.noticeId }}
            submit={w.acknowledgeSubmit}
            signed={{ title: w.acknowledge, meaning: w.acknowledgeMeaning }}
            testId="acknowledge-form"
            t={t}
          />
        </section>
      )}
      <section className="card" aria-labelledby="notice-devices-title">
        <h2 id="notice-devices-title" className="card-title">
          {w.devices}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="notice-devices">
            <thead>
              <tr>
                <th scope="col">{pm.complaints.device}</th>
                <th scope="col">{pm.campaigns.serial}</th>
                <th scope="col">{pm.campaigns.lot}</th>
                <th scope="col">{pm.campaigns.state}</th>
                <th scope="col">{w.report}</th>
              </tr>
            </thead>
            <tbody>
              {notice.devices.map((d) => {
                const next = NEXT_STATES[d.state as keyof typeof NEXT_STATES] ?? [];
                return (
                  <tr key={d.installedId} data-testid="notice-device" data-serial={d.serialNo} data-state={d.state}>
                    <td>
                      <Link href={`/installed-base/${d.installedId}`}>{d.model}</Link>
                      <p className="hint">{d.udi}</p>
                    </td>
                    <td>{d.serialNo}</td>
                    <td>{d.lotNo}</td>
                    <td>{pm.campaigns.states[d.state]}</td>
                    <td>
                      {mayAct && next.length > 0 && (
                        <StepForm
                          action={reportDeviceState}
                          hidden={{ noticeId: notice.noticeId, installedId: d.installedId }}
                          submit={w.reportSubmit}
                          testId={`report-state-${d.serialNo}`}
                          t={t}
                        >
                          <label className="visually-hidden" htmlFor={`state-${d.installedId}`}>
                            {pm.campaigns.state}
                          </label>
                          <select id={`state-${d.installedId}`} name="state" defaultValue={next[0]}>
                            {next.map((s) => (
                              <option key={s} value={s}>
                                {pm.campaigns.states[s]}
                              </option>
                            ))}
                          </select>
                        </StepForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
