import type { Metadata } from "next";
import { StepForm } from "@/app/quality/step-form";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { reportComplaint } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.postMarket.complaints.title };
}

const KINDS = ["adverse-event", "complaint"] as const;
const PATIENTS = ["none", "no-injury", "injury", "serious-deterioration", "death"] as const;

/**
 * A hospital's reports (TR-4): the form first — scan the device's label, say what happened — then
 * what it reported before, newest first. `?udi=` fills the label (from a device's page).
 */
export default async function ComplaintsPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; udi?: string }>;
}) {
  const { user } = await requireUser("/complaints");
  const { t, locale } = await getI18n();
  const pm = t.postMarket;
  const w = pm.complaints;
  const { done, udi } = await searchParams;
  const read = await readOrRefusal(t, api.complaints.complaints.listComplaints({}));
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="stack">
      <StepDone words={done ? w.done : undefined} />
      <section className="card" aria-labelledby="report-title">
        <h2 id="report-title" className="card-title">
          {w.report}
        </h2>
        <StepForm
          action={reportComplaint}
          hidden={{ idempotencyKey: crypto.randomUUID() }}
          submit={w.submit}
          testId="complaint-form"
          t={t}
        >
          <div className="field">
            <label htmlFor="complaint-udi">{w.udi}</label>
            <input
              id="complaint-udi"
              name="udi"
              required
              autoComplete="off"
              defaultValue={udi}
              aria-describedby="udi-hint"
            />
            <p id="udi-hint" className="hint">
              {w.udiHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="complaint-kind">{w.kind}</label>
            <select id="complaint-kind" name="kind" defaultValue="adverse-event">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {pm.kinds[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="complaint-date">{w.eventDate}</label>
            <input id="complaint-date" name="eventDate" type="date" required max={today} defaultValue={today} />
          </div>
          <div className="field">
            <label htmlFor="complaint-patient">{w.patient}</label>
            <select id="complaint-patient" name="patientInvolvement" defaultValue="none">
              {PATIENTS.map((p) => (
                <option key={p} value={p}>
                  {pm.patients[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="deviceOutOfService" /> {w.outOfService}
            </label>
          </div>
          <div className="field">
            <label htmlFor="complaint-reporter">{w.reporter}</label>
            <input id="complaint-reporter" name="reporter" required maxLength={200} defaultValue={user.name} />
          </div>
          <div className="field">
            <label htmlFor="complaint-description">{w.description}</label>
            <textarea id="complaint-description" name="description" required maxLength={4000} rows={4} />
          </div>
        </StepForm>
      </section>
      {read.refusal !== undefined ? (
        <Refusal text={read.refusal} />
      ) : (
        <section className="card" aria-labelledby="complaints-caption">
          <div className="table-wrap">
            <table className="table" data-testid="complaints-table">
              <caption id="complaints-caption" className="table-caption">
                {format(w.caption, { tenant: user.tenantName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{w.reported}</th>
                  <th scope="col">{w.kind}</th>
                  <th scope="col">{w.device}</th>
                  <th scope="col">{w.patient}</th>
                  <th scope="col">{w.manufacturer}</th>
                  <th scope="col">{w.description}</th>
                </tr>
              </thead>
              <tbody>
                {read.value.items.length === 0 && (
                  <tr>
                    <td colSpan={6} className="empty-cell">
                      {w.empty}
                    </td>
                  </tr>
                )}
                {read.value.items.map((c) => (
                  <tr key={c.complaintId} data-testid="complaint-row" data-serial={c.device.serialNo}>
                    <td>
                      <time dateTime={c.reportedAt}>{when.format(new Date(c.reportedAt))}</time>
                    </td>
                    <td>{pm.kinds[c.kind]}</td>
                    <td>
                      {c.device.model} · {c.device.serialNo}
                      <p className="hint">{c.device.udiHri}</p>
                    </td>
                    <td>{pm.patients[c.patientInvolvement]}</td>
                    <td>{c.manufacturerName}</td>
                    <td>{c.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
