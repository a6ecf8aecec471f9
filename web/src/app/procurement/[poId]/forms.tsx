"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import type { z } from "zod";
import { FormFeedback } from "@/components/form-feedback";
import { SignatureDialog } from "@/components/signature-dialog";
import { type Catalogue, format } from "@/i18n";
import type { Inv, Proc } from "@/server/schemas";
import { approve, inspect, type ProcState, receive } from "../actions";

export type ProcWords = Pick<Catalogue, "procurement" | "errors" | "fields">;
type Plan = z.infer<typeof Proc.Plan>;

/** A procurement form's outcome: one sentence (`done`, with the action's numbers) on success. */
function Feedback({ state, t, done, testId }: { state: ProcState; t: ProcWords; done: string; testId: string }) {
  return <FormFeedback state={state} t={t} testId={testId} done={(s) => format(done, s.vars)} />;
}

export function ApproveButton({ poId, t }: { poId: string; t: ProcWords }) {
  const [state, action, pending] = useActionState<ProcState, FormData>(approve, { status: "idle", nextKey: "" });
  return (
    <form action={action} className="form">
      <input type="hidden" name="poId" value={poId} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {t.procurement.approve}
      </button>
      <Feedback state={state} t={t} done={t.procurement.approved} testId="approve-feedback" />
    </form>
  );
}

/**
 * Receive by scan. When the qualification gate refuses and this user may override, the override
 * dialog asks for a reason and the password (the electronic signature) and resubmits the same scan.
 */
export function ReceiveForm({
  poId,
  catalogue,
  canOverride,
  initialKey,
  t,
}: {
  poId: string;
  catalogue: z.infer<typeof Inv.Catalogue>;
  canOverride: boolean;
  initialKey: string;
  t: ProcWords;
}) {
  const [state, action, pending] = useActionState<ProcState, FormData>(receive, {
    status: "idle",
    nextKey: initialKey,
  });
  const [scan, setScan] = useState("");
  const [quantity, setQuantity] = useState("");
  const [at, setAt] = useState("");
  // The gate's findings while the override dialog is open (it stays open through a wrong password).
  const [gate, setGate] = useState<string | undefined>();
  useEffect(() => {
    if (state.status === "error" && state.code === "supplier-not-qualified") {
      setGate(((state.details?.reasons as string[] | undefined) ?? []).join(", "));
    }
    if (state.status === "success") {
      setGate(undefined);
      setScan("");
      setQuantity("");
    }
  }, [state]);
  const w = t.procurement.receive;
  const o = t.procurement.override;
  const dialogOpen = canOverride && gate !== undefined;
  return (
    <form
      // Submitted by hand, not through `action`: React resets a form after its action, and the signer
      // must be able to correct a wrong password without rescanning the label.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="form"
      data-testid="receive-form"
    >
      <input type="hidden" name="poId" value={poId} />
      <div className="field">
        <label htmlFor="receive-scan">{w.scan}</label>
        <input
          id="receive-scan"
          name="scan"
          required
          autoComplete="off"
          aria-describedby="receive-scan-hint"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
        />
        <p id="receive-scan-hint" className="hint">
          {w.scanHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor="receive-quantity">{w.quantity}</label>
        <input
          id="receive-quantity"
          name="quantity"
          type="number"
          min={1}
          step={1}
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="receive-at">{w.location}</label>
        <select id="receive-at" name="at" required value={at} onChange={(e) => setAt(e.target.value)}>
          <option value="" disabled>
            {w.pick}
          </option>
          {catalogue.warehouses.map((wh) => (
            <optgroup key={wh.warehouseId} label={`${wh.code} · ${wh.name}`}>
              {wh.locations.map((l) => (
                <option key={l.locationId} value={`${wh.warehouseId}|${l.locationId}`}>
                  {wh.code} / {l.code} · {l.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {dialogOpen ? (
        <SignatureDialog
          id="override"
          title={o.title}
          meaning={o.meaning}
          passwordLabel={o.password}
          submit={o.submit}
          cancel={o.cancel}
          pending={pending}
          onCancel={() => setGate(undefined)}
        >
          <p>{format(o.explain, { reasons: gate ?? "" })}</p>
          <div className="field">
            <label htmlFor="override-reason">{o.reason}</label>
            <input id="override-reason" name="reason" required minLength={3} maxLength={500} />
          </div>
        </SignatureDialog>
      ) : (
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? w.working : w.submit}
        </button>
      )}
      <Feedback state={state} t={t} done={w.done} testId="receive-feedback" />
    </form>
  );
}

export function InspectForm({
  poId,
  receiptId,
  lotNo,
  plans,
  t,
}: {
  poId: string;
  receiptId: string;
  lotNo: string;
  /** The plan of each AQL for this lot size, computed on the server from the shared table. */
  plans: Record<string, Plan>;
  t: ProcWords;
}) {
  const [state, action, pending] = useActionState<ProcState, FormData>(inspect, { status: "idle", nextKey: "" });
  const [aql, setAql] = useState("1.0");
  const [decision, setDecision] = useState("accept");
  const w = t.procurement.inspect;
  const plan = plans[aql];
  const id = (s: string) => `inspect-${receiptId.slice(0, 8)}-${s}`;
  const result = state.status === "success" ? t.procurement.receiptStatuses[state.vars.result as "accepted"] : "";
  return (
    <form action={action} className="form" data-testid="inspect-form" data-lot={lotNo}>
      <h3 className="card-title">{format(w.title, { lot: lotNo })}</h3>
      <input type="hidden" name="poId" value={poId} />
      <input type="hidden" name="receiptId" value={receiptId} />
      <div className="field">
        <label htmlFor={id("aql")}>{w.aql}</label>
        <select id={id("aql")} name="aql" value={aql} onChange={(e) => setAql(e.target.value)}>
          {Object.keys(plans).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      {plan && (
        <p className="hint" data-testid="sampling-plan" data-n={plan.sampleSize} data-ac={plan.acceptance}>
          {format(w.plan, { letter: plan.codeLetter, n: plan.sampleSize, ac: plan.acceptance, re: plan.rejection })}
          {plan.fullInspection ? ` ${w.full}` : ""}
        </p>
      )}
      <fieldset className="fieldset">
        <legend>{w.characteristic}</legend>
        {[0, 1].map((i) => (
          <div key={i} className="grid grid-3">
            <input
              aria-label={`${w.characteristic} ${i + 1}`}
              placeholder={w.characteristic}
              name={`name.${i}`}
              required={i === 0}
              maxLength={100}
            />
            <input
              aria-label={`${w.requirement} ${i + 1}`}
              placeholder={w.requirement}
              name={`requirement.${i}`}
              maxLength={200}
            />
            <input
              aria-label={`${w.measured} ${i + 1}`}
              placeholder={w.measured}
              name={`measured.${i}`}
              maxLength={500}
            />
            <input type="hidden" name={`nonconforming.${i}`} value="0" />
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={id("defectives")}>{w.defectives}</label>
        <input id={id("defectives")} name="defectives" type="number" min={0} step={1} required defaultValue={0} />
      </div>
      <div className="field">
        <label htmlFor={id("decision")}>{w.decision}</label>
        <select id={id("decision")} name="decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
          <option value="accept">{w.accept}</option>
          <option value="reject">{w.reject}</option>
        </select>
      </div>
      {decision === "reject" && (
        <>
          <div className="field">
            <label htmlFor={id("reason")}>{w.reason}</label>
            <input id={id("reason")} name="reason" required minLength={3} maxLength={500} />
          </div>
          <div className="field">
            <label htmlFor={id("disposition")}>{w.disposition}</label>
            <select id={id("disposition")} name="disposition" defaultValue="return-to-supplier">
              {(Object.keys(w.dispositions) as (keyof typeof w.dispositions)[]).map((d) => (
                <option key={d} value={d}>
                  {w.dispositions[d]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <Feedback
        state={{ ...state, ...(state.status === "success" ? { vars: { result } } : {}) }}
        t={t}
        done={w.done}
        testId="inspect-feedback"
      />
    </form>
  );
}
