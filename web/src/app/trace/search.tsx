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
        <form method="get" action="/trace/forward" className="form" data-testid="forward-search">
          <div className="field">
            <label htmlFor="trace-material">{w.material}</label>
            <select id="trace-material" name="materialId" required>
              {materials.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trace-lot">{w.lotNo}</label>
            <input id="trace-lot" name="lotNo" required maxLength={40} autoComplete="off" />
          </div>
          <button type="submit" className="button button-primary">
            {w.forwardSubmit}
          </button>
        </form>
        <form method="get" action="/trace/forward" className="form" data-testid="forward-supplier-search">
          <p className="hint">{w.orTheSupplier}</p>
          <div className="field">
            <label htmlFor="trace-supplier">{w.supplier}</label>
            <select id="trace-supplier" name="supplierId" required>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trace-supplier-lot">{w.supplierLotNo}</label>
            <input id="trace-supplier-lot" name="supplierLotNo" required maxLength={40} autoComplete="off" />
          </div>
          <button type="submit" className="button">
            {w.forwardSubmit}
          </button>
        </form>
      </section>
    </div>
  );
}

/** Options for the searches, from master data. */
export async function searchOptions(api: {
  masterData: {
    materials(): Promise<{ items: { materialId: string; code: string; name: string }[] }>;
    suppliers(): Promise<{ items: { supplierId: string; code: string; name: string }[] }>;
  };
}) {
  const [materials, suppliers] = await Promise.all([api.masterData.materials(), api.masterData.suppliers()]);
  return {
    materials: materials.items.map((m) => ({ id: m.materialId, label: `${m.code} · ${m.name}` })),
    suppliers: suppliers.items.map((s) => ({ id: s.supplierId, label: `${s.code} · ${s.name}` })),
  };
}
