"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { LocationSelect } from "@/app/inventory/pickers";
import { FormFeedback } from "@/components/form-feedback";
import { SignatureDialog } from "@/components/signature-dialog";
import { type Catalogue, format } from "@/i18n";
import type { Inv, Prod } from "@/server/schemas";
import {
  dispositionNc,
  issueMaterial,
  type ProdState,
  raiseNc,
  receiveFinished,
  recordInspection,
  releaseBatch,
  reportOperation,
} from "../actions";

export type ProdWords = Pick<Catalogue, "production" | "errors" | "fields">;
type Action = (prev: ProdState, form: FormData) => Promise<ProdState>;
type Operation = z.infer<typeof Prod.RouteOperation>;

/**
 * A production form's state. Submitted by hand, not through `action`: React resets a form after
 * its action, and a refused step (a wrong scan, a wrong password) must keep what was typed.
 */
function useStep(action: Action, initialKey: string) {
  const [state, run, pending] = useActionState<ProdState, FormData>(action, { status: "idle", nextKey: initialKey });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => run(data));
  };
  return { state, pending, onSubmit };
}

/** The hidden fields every step sends: which order, and the submission's Idempotency-Key. */
function Hidden({ orderId, state }: { orderId: string; state: ProdState }) {
  return (
    <>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
    </>
  );
}

function Feedback({ state, t, done, testId }: { state: ProdState; t: ProdWords; done: string; testId: string }) {
  return <FormFeedback state={state} t={t} testId={testId} done={(s) => format(done, s.vars)} />;
}

function OperationSelect({ id, operations }: { id: string; operations: Operation[] }) {
  return (
    <select id={id} name="sequence" required defaultValue={operations[0]?.sequence}>
      {operations.map((o) => (
        <option key={o.sequence} value={o.sequence}>
          {o.sequence} · {o.code} · {o.name}
        </option>
      ))}
    </select>
  );
}

/** Clears the form after a recorded step, so the next one starts blank. */
function useResetOnSuccess(state: ProdState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") ref.current?.reset();
  }, [state]);
  return ref;
}

/**
 * Issue by scan, as a keyboard-wedge scanner types: the scan field has the focus, Enter submits,
 * and after each scan — issued or refused — the field is emptied and focused for the next label.
 * Location, material and quantity stay as chosen.
 */
export function IssueForm({
  orderId,
  materials,
  catalogue,
  initialKey,
  t,
}: {
  orderId: string;
  materials: { materialId: string; label: string }[];
  catalogue: z.infer<typeof Inv.Catalogue>;
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(issueMaterial, initialKey);
  const scan = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.status === "idle" || !scan.current) return;
    scan.current.value = "";
    scan.current.focus();
  }, [state]);
  const w = t.production.issue;
  return (
    <form onSubmit={onSubmit} className="form" data-testid="issue-form">
      <h3 className="card-title">{w.title}</h3>
      <Hidden orderId={orderId} state={state} />
      <div className="field">
        <label htmlFor="issue-scan">{w.scan}</label>
        <input
          ref={scan}
          id="issue-scan"
          name="scan"
          required
          autoComplete="off"
          // biome-ignore lint/a11y/noAutofocus: the scanner types into this field; it is the page's task
          autoFocus
          aria-describedby="issue-scan-hint"
        />
        <p id="issue-scan-hint" className="hint">
          {w.hint}
        </p>
      </div>
      <div className="grid grid-3">
        <div className="field">
          <label htmlFor="issue-material">{w.material}</label>
          <select id="issue-material" name="materialId" defaultValue="">
            <option value="">–</option>
            {materials.map((m) => (
              <option key={m.materialId} value={m.materialId}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issue-at">{w.location}</label>
          <LocationSelect id="issue-at" name="at" catalogue={catalogue} pick={t.production.create.pick} />
        </div>
        <div className="field">
          <label htmlFor="issue-quantity">{w.quantity}</label>
          <input id="issue-quantity" name="quantity" type="number" min={0} step="any" required />
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <Feedback state={state} t={t} done={w.done} testId="issue-feedback" />
    </form>
  );
}

/** The browser's offset from UTC, so the server reads `datetime-local` fields as the user meant them. */
function TzOffset() {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(new Date().getTimezoneOffset()), []);
  return <input type="hidden" name="tzOffset" value={offset} />;
}

export function ReportForm({
  orderId,
  operations,
  initialKey,
  t,
}: {
  orderId: string;
  operations: Operation[];
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(reportOperation, initialKey);
  const ref = useResetOnSuccess(state);
  const w = t.production.report;
  return (
    <form ref={ref} onSubmit={onSubmit} className="form" data-testid="report-form">
      <h3 className="card-title">{w.title}</h3>
      <Hidden orderId={orderId} state={state} />
      <TzOffset />
      <div className="grid grid-3">
        <div className="field">
          <label htmlFor="report-sequence">{w.operation}</label>
          <OperationSelect id="report-sequence" operations={operations} />
        </div>
        <div className="field">
          <label htmlFor="report-good">{w.good}</label>
          <input id="report-good" name="good" type="number" min={0} step={1} required />
        </div>
        <div className="field">
          <label htmlFor="report-scrap">{w.scrap}</label>
          <input id="report-scrap" name="scrap" type="number" min={0} step={1} defaultValue={0} />
        </div>
        <div className="field">
          <label htmlFor="report-equipment">{w.equipment}</label>
          <input id="report-equipment" name="equipment" required maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="report-started">{w.startedAt}</label>
          <input id="report-started" name="startedAt" type="datetime-local" />
        </div>
        <div className="field">
          <label htmlFor="report-finished">{w.finishedAt}</label>
          <input id="report-finished" name="finishedAt" type="datetime-local" />
        </div>
      </div>
      <div className="field">
        <label htmlFor="report-serials">{w.serials}</label>
        <textarea id="report-serials" name="serials" rows={4} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="report-note">{w.note}</label>
        <input id="report-note" name="note" maxLength={500} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <Feedback state={state} t={t} done={w.done} testId="report-feedback" />
    </form>
  );
}

export function InspectForm({
  orderId,
  operations,
  initialKey,
  t,
}: {
  orderId: string;
  operations: Operation[];
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(recordInspection, initialKey);
  const ref = useResetOnSuccess(state);
  const w = t.production.inspect;
  const kinds = t.production.kinds;
  const result = state.status === "success" ? t.production.results[state.vars.result as "pass"] : "";
  return (
    <form ref={ref} onSubmit={onSubmit} className="form" data-testid="inspection-form">
      <h3 className="card-title">{w.title}</h3>
      <Hidden orderId={orderId} state={state} />
      <div className="grid grid-3">
        <div className="field">
          <label htmlFor="inspect-kind">{w.kind}</label>
          <select id="inspect-kind" name="kind" defaultValue="first-article">
            {(Object.keys(kinds) as (keyof typeof kinds)[]).map((k) => (
              <option key={k} value={k}>
                {kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inspect-sequence">{w.operation}</label>
          <OperationSelect id="inspect-sequence" operations={operations} />
        </div>
        <div className="field">
          <label htmlFor="inspect-sample">{w.sampleSize}</label>
          <input id="inspect-sample" name="sampleSize" type="number" min={1} step={1} required defaultValue={1} />
        </div>
      </div>
      <fieldset className="fieldset">
        <legend>{w.characteristic}</legend>
        {[0, 1, 2].map((i) => (
          <div key={i} className="grid grid-5">
            <input
              aria-label={`${w.characteristic} ${i + 1}`}
              placeholder={w.characteristic}
              name={`characteristic.${i}`}
              required={i === 0}
              maxLength={100}
            />
            <input
              aria-label={`${w.value} ${i + 1}`}
              placeholder={w.value}
              name={`value.${i}`}
              type="number"
              step="any"
              required={i === 0}
            />
            <input
              aria-label={`${w.lower} ${i + 1}`}
              placeholder={w.lower}
              name={`lower.${i}`}
              type="number"
              step="any"
            />
            <input
              aria-label={`${w.upper} ${i + 1}`}
              placeholder={w.upper}
              name={`upper.${i}`}
              type="number"
              step="any"
            />
            <input
              aria-label={`${w.unit} ${i + 1}`}
              placeholder={w.unit}
              name={`unit.${i}`}
              required={i === 0}
              maxLength={20}
            />
          </div>
        ))}
      </fieldset>
      <div className="grid grid-2">
        <div className="field">
          <label htmlFor="inspect-serials">{w.serials}</label>
          <textarea id="inspect-serials" name="serials" rows={3} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="inspect-equipment">{w.equipment}</label>
          <input id="inspect-equipment" name="equipment" maxLength={80} />
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <FormFeedback state={state} t={t} testId="inspection-feedback" done={() => format(w.done, { result })} />
    </form>
  );
}

export function RaiseNcForm({
  orderId,
  operations,
  initialKey,
  t,
}: {
  orderId: string;
  operations: Operation[];
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(raiseNc, initialKey);
  const ref = useResetOnSuccess(state);
  const w = t.production.raise;
  return (
    <form ref={ref} onSubmit={onSubmit} className="form" data-testid="raise-nc-form">
      <h3 className="card-title">{w.title}</h3>
      <Hidden orderId={orderId} state={state} />
      <div className="grid grid-2">
        <div className="field">
          <label htmlFor="nc-sequence">{w.operation}</label>
          <OperationSelect id="nc-sequence" operations={operations} />
        </div>
        <div className="field">
          <label htmlFor="nc-quantity">{w.quantity}</label>
          <input id="nc-quantity" name="quantity" type="number" min={1} step={1} required defaultValue={1} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="nc-description">{w.description}</label>
        <textarea id="nc-description" name="description" rows={2} required minLength={5} maxLength={1000} />
      </div>
      <div className="field">
        <label htmlFor="nc-serials">{w.serials}</label>
        <textarea id="nc-serials" name="serials" rows={2} autoComplete="off" />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <Feedback state={state} t={t} done={w.done} testId="raise-nc-feedback" />
    </form>
  );
}

export function DispositionForm({
  orderId,
  ncId,
  ncNo,
  initialKey,
  t,
}: {
  orderId: string;
  ncId: string;
  ncNo: string;
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(dispositionNc, initialKey);
  const [disposition, setDisposition] = useState("rework");
  const w = t.production.dispose;
  const ds = t.production.dispositions;
  const id = (s: string) => `dispose-${ncId.slice(0, 8)}-${s}`;
  const done = state.status === "success" ? ds[state.vars.disposition as "scrap"] : "";
  return (
    <form onSubmit={onSubmit} className="form" data-testid="disposition-form" data-nc={ncNo}>
      <h4>{format(w.title, { nc: ncNo })}</h4>
      <Hidden orderId={orderId} state={state} />
      <input type="hidden" name="ncId" value={ncId} />
      <div className="grid grid-3">
        <div className="field">
          <label htmlFor={id("disposition")}>{w.disposition}</label>
          <select
            id={id("disposition")}
            name="disposition"
            value={disposition}
            onChange={(e) => setDisposition(e.target.value)}
          >
            {(Object.keys(ds) as (keyof typeof ds)[]).map((d) => (
              <option key={d} value={d}>
                {ds[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("reason")}>{w.reason}</label>
          <input id={id("reason")} name="reason" required minLength={3} maxLength={500} />
        </div>
        {disposition === "use-as-is" && (
          <div className="field">
            <label htmlFor={id("concession")}>{w.concession}</label>
            <input id={id("concession")} name="concessionNo" required maxLength={40} />
          </div>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <FormFeedback
        state={state}
        t={t}
        testId="disposition-feedback"
        done={() => format(w.done, { disposition: done })}
      />
    </form>
  );
}

/** Batch release: a button that opens the signature; a wrong password keeps it open. */
export function ReleaseForm({ orderId, t }: { orderId: string; t: ProdWords }) {
  const { state, pending, onSubmit } = useStep(releaseBatch, "");
  const [open, setOpen] = useState(false);
  const w = t.production.sign;
  if (!open && state.status !== "success") {
    return (
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        {w.open}
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="form" data-testid="release-form">
      <input type="hidden" name="orderId" value={orderId} />
      {state.status !== "success" && (
        <SignatureDialog
          id="release"
          title={w.title}
          meaning={w.meaning}
          passwordLabel={w.password}
          submit={pending ? w.working : w.submit}
          cancel={w.cancel}
          pending={pending}
          onCancel={() => setOpen(false)}
        >
          <div className="field">
            <label htmlFor="release-statement">{w.statement}</label>
            <input id="release-statement" name="statement" maxLength={500} defaultValue={w.statementDefault} />
          </div>
        </SignatureDialog>
      )}
      <Feedback state={state} t={t} done={w.done} testId="release-feedback" />
    </form>
  );
}

export function ReceiveForm({
  orderId,
  catalogue,
  initialKey,
  t,
}: {
  orderId: string;
  catalogue: z.infer<typeof Inv.Catalogue>;
  initialKey: string;
  t: ProdWords;
}) {
  const { state, pending, onSubmit } = useStep(receiveFinished, initialKey);
  const w = t.production.receive;
  return (
    <form onSubmit={onSubmit} className="form" data-testid="fg-receive-form">
      <h3 className="card-title">{w.title}</h3>
      <Hidden orderId={orderId} state={state} />
      <div className="field">
        <label htmlFor="fg-at">{w.location}</label>
        <LocationSelect id="fg-at" name="at" catalogue={catalogue} pick={w.pick} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <Feedback state={state} t={t} done={w.done} testId="fg-receive-feedback" />
    </form>
  );
}
