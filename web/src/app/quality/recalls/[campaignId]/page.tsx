import type { Metadata } from "next";
import Link from "next/link";
import { canOpenRecalls } from "@/app/complaints/access";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { closeRecall, recordRecallState } from "../../post-market-actions";
import { StepForm } from "../../step-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.recalls} · ${t.quality.title}` };
}

/** A device's recall states in order; returned and corrected close it (the API refuses a move back). */
const RANK = ["affected", "located", "quarantined", "returned", "corrected"] as const;

/**
 * One recall campaign: the decision and its signature, who was told (each hospital's notice and
 * acknowledgement), every device with where it was at opening and its state, the evidence pack.
 */
export default async function RecallCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { campaignId } = await params;
  const { done } = await searchParams;
  const { user } = await requireUser(`/quality/recalls/${campaignId}`);
  const { t, locale } = await getI18n();
  const w = t.postMarket.campaigns;
  const read = await readRecord(t, api.recalls.recallCampaigns.getRecallCampaign({ params: { campaignId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const c = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const doneWords = w.done[done as keyof typeof w.done];
  const steers = canOpenRecalls(user) && c.status === "open";
  const allClosed = c.closedUnits === c.units;
  const open = c.devices.filter((d) => RANK.indexOf(d.state) < 3);
  const recipientOf = (d: (typeof c.devices)[number]) =>
    c.recipients.find((r) =>
      d.hospitalTenantId ? r.hospitalTenantId === d.hospitalTenantId : r.customerId === d.customerId,
    )?.recipient ?? "—";
  return (
    <div className="stack" data-testid="campaign" data-status={c.status}>
      <p>
        <Link href="/quality/recalls">← {w.back}</Link>
      </p>
      <StepDone words={doneWords} />
      <section className="card">
        <h2 className="card-title">
          {w.class} {c.recallClass} · {w.actions[c.action]}
        </h2>
        <dl className="facts">
          <dt>{w.status}</dt>
          <dd data-testid="campaign-status">{w.statuses[c.status]}</dd>
          <dt>{w.opened}</dt>
          <dd>{when.format(new Date(c.openedAt))}</dd>
          <dt>{w.units}</dt>
          <dd>{format(w.closedUnits, { closed: c.closedUnits, units: c.units })}</dd>
          <dt>{w.lot}</dt>
          <dd>{c.lots.map((l) => l.fgLotNo).join(", ")}</dd>
          <dt>{w.evidence}</dt>
          <dd>
            <a href={`/quality/recalls/${c.campaignId}/evidence.pdf`} download>
              {w.evidencePdf}
            </a>
            {" · "}
            <a href={`/quality/recalls/${c.campaignId}/evidence.json`} download>
              {w.evidenceJson}
            </a>
          </dd>
        </dl>
        <p>{c.reason}</p>
        <p className="hint">{format(w.signed, { manifest: c.signature })}</p>
      </section>

      <section className="card" aria-labelledby="recipients-title">
        <h2 id="recipients-title" className="card-title">
          {w.recipients}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="campaign-recipients">
            <thead>
              <tr>
                <th scope="col">{w.recipient}</th>
                <th scope="col">{w.units}</th>
                <th scope="col">{w.status}</th>
              </tr>
            </thead>
            <tbody>
              {c.recipients.map((r) => (
                <tr
                  key={r.recipient}
                  data-testid="campaign-recipient"
                  data-hospital={r.hospitalTenantId ?? ""}
                  data-status={r.status}
                >
                  <th scope="row">
                    {r.recipient}
                    <p className="hint">{w.channels[r.channel]}</p>
                  </th>
                  <td>{r.devices}</td>
                  <td>
                    {w.noticeStatuses[r.status]}
                    {r.acknowledgedAt && (
                      <p className="hint">
                        {format(w.acknowledged, {
                          when: when.format(new Date(r.acknowledgedAt)),
                          by: r.acknowledgedBy ?? "",
                        })}
                      </p>
                    )}
                    {r.acknowledgedSignature && (
                      <p className="hint">{format(w.signed, { manifest: r.acknowledgedSignature })}</p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="devices-title">
        <h2 id="devices-title" className="card-title">
          {w.devices}
        </h2>
        <p data-testid="campaign-states">
          {RANK.map((state) => [state, c.devices.filter((d) => d.state === state).length] as const)
            .filter(([, n]) => n > 0)
            .map(([state, n]) => `${w.states[state]}: ${n}`)
            .join(" · ")}
        </p>
        {steers && open.length > 0 && (
          <details className="disclosure">
            <summary className="button">{w.record}</summary>
            <StepForm
              action={recordRecallState}
              hidden={{ campaignId: c.campaignId }}
              submit={w.record}
              testId="record-state-form"
              t={t}
            >
              <div className="field">
                <label htmlFor="record-device">{w.serial}</label>
                <select id="record-device" name="device" required>
                  {open.map((d) => (
                    <option key={`${d.productId}|${d.serialNo}`} value={`${d.productId}|${d.serialNo}`}>
                      {d.model} · {d.serialNo} ({w.states[d.state]})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="record-state">{w.state}</label>
                <select id="record-state" name="state" defaultValue="returned">
                  {RANK.slice(1).map((st) => (
                    <option key={st} value={st}>
                      {w.states[st]}
                    </option>
                  ))}
                </select>
              </div>
            </StepForm>
          </details>
        )}
        <div className="table-wrap">
          <table className="table" data-testid="campaign-devices">
            <thead>
              <tr>
                <th scope="col">{w.serial}</th>
                <th scope="col">{w.lot}</th>
                <th scope="col">{w.where}</th>
                <th scope="col">{w.state}</th>
              </tr>
            </thead>
            <tbody>
              {c.devices.map((d) => (
                <tr
                  key={`${d.productId}-${d.serialNo}`}
                  data-testid="campaign-device"
                  data-serial={d.serialNo}
                  data-state={d.state}
                >
                  <td>
                    {d.model} · {d.serialNo}
                  </td>
                  <td>{d.lotNo}</td>
                  <td>
                    {w.whereabouts[d.whereabouts]}
                    {(d.hospitalTenantId || d.customerId) && <p className="hint">{recipientOf(d)}</p>}
                  </td>
                  <td>{w.states[d.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {steers && (
        <section className="card" aria-labelledby="close-recall-title">
          <h2 id="close-recall-title" className="card-title">
            {w.close.title}
          </h2>
          {allClosed ? (
            <StepForm
              action={closeRecall}
              hidden={{ campaignId: c.campaignId }}
              submit={w.close.submit}
              signed={{ title: w.close.title, meaning: w.close.meaning }}
              testId="close-recall-form"
              t={t}
            />
          ) : (
            <p className="hint">{w.close.notYet}</p>
          )}
        </section>
      )}
    </div>
  );
}
