import type { Catalogue } from "@/i18n";

type Option = { id: string; label: string };

/**
 * The two trace searches as plain GET forms: a trace is a link that can be shared. The UDI field
 * takes a scanner's keystrokes (its Enter submits).
 */
export function TraceSearch({
  t,
  materials,
  suppliers,
  udi = "",
}: {
  t: Pick<Catalogue, "trace">;
  materials: Option[];
  suppliers: Option[];
  udi?: string;
}) {
  const w = t.trace;
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="backward-title">
        <h2 id="backward-title" className="card-title">
          {w.backwardTitle}
        </h2>
        <form method="get" action="/trace/backward" className="form" data-testid="backward-search">
          <div className="field">
            <label htmlFor="trace-udi">{w.udi}</label>
            <input id="trace-udi" name="udi" defaultValue={udi} required maxLength={200} autoComplete="off" />
            <p className="hint">{w.backwardHint}</p>
          </div>
          <button type="submit" className="button button-primary">
            {w.backwardSubmit}
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="forward-title">
        <h2 id="forward-title" className="card-title">
          {w.forwardTitle}
        </h2>
        <p className="hint">{w.forwardHint}</p>
        <LotSearch
          testId="forward-search"
          choose={{ name: "materialId", label: w.material, options: materials }}
          lot={{ name: "lotNo", label: w.lotNo }}
          submit={w.forwardSubmit}
          primary
        />
        <p className="hint">{w.orTheSupplier}</p>
        <LotSearch
          testId="forward-supplier-search"
          choose={{ name: "supplierId", label: w.supplier, options: suppliers }}
          lot={{ name: "supplierLotNo", label: w.supplierLotNo }}
          submit={w.forwardSubmit}
        />
      </section>
    </div>
  );
}

/** A forward search: whose lot (a material of ours, or a supplier) and the lot number. */
function LotSearch({
  testId,
  choose,
  lot,
  submit,
  primary = false,
}: {
  testId: string;
  choose: { name: string; label: string; options: Option[] };
  lot: { name: string; label: string };
  submit: string;
  primary?: boolean;
}) {
  return (
    <form method="get" action="/trace/forward" className="form" data-testid={testId}>
      <div className="field">
        <label htmlFor={`${testId}-${choose.name}`}>{choose.label}</label>
        <select id={`${testId}-${choose.name}`} name={choose.name} required>
          {choose.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${testId}-${lot.name}`}>{lot.label}</label>
        <input id={`${testId}-${lot.name}`} name={lot.name} required maxLength={40} autoComplete="off" />
      </div>
      <button type="submit" className={primary ? "button button-primary" : "button"}>
        {submit}
      </button>
    </form>
  );
}
