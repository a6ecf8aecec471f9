import type { Metadata } from "next";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { namesOf } from "../names";
import { MaterialSelect } from "../pickers";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.inventory.fefo.title };
}

/** A pick list for a material and quantity, earliest expiry first (a GET form: the result can be bookmarked). */
export default async function FefoPage({
  searchParams,
}: {
  searchParams: Promise<{ materialId?: string; quantity?: string }>;
}) {
  const { t } = await getI18n();
  const w = t.inventory;
  const q = await searchParams;
  const catalogue = await api.inventory.stock.catalogue();
  const names = namesOf(catalogue);
  let result: Awaited<ReturnType<typeof api.inventory.fefo.fefo>> | undefined;
  let error: string | undefined;
  if (q.materialId && q.quantity) {
    try {
      result = await api.inventory.fefo.fefo({ query: { materialId: q.materialId, quantity: Number(q.quantity) } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error = errorMessage(t, e.code, e.message);
    }
  }
  return (
    <div className="admin-layout">
      <aside className="card admin-create" aria-labelledby="fefo-title">
        <h2 id="fefo-title" className="card-title">
          {w.fefo.title}
        </h2>
        <p className="hint">{w.fefo.intro}</p>
        <form method="get" className="form" data-testid="fefo-form">
          <div className="field">
            <label htmlFor="fefo-material">{w.material}</label>
            <MaterialSelect
              id="fefo-material"
              name="materialId"
              catalogue={catalogue}
              pick={w.moves.pick}
              defaultValue={q.materialId ?? ""}
            />
          </div>
          <div className="field">
            <label htmlFor="fefo-quantity">{w.quantity}</label>
            <input
              id="fefo-quantity"
              name="quantity"
              type="number"
              min={1}
              step={1}
              required
              defaultValue={q.quantity}
            />
          </div>
          <button type="submit" className="button button-primary button-block">
            {w.fefo.submit}
          </button>
        </form>
      </aside>
      <section className="card admin-list" aria-live="polite">
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <>
            <h2 className="card-title">{w.fefo.picks}</h2>
            <table className="table" data-testid="fefo-table">
              <thead>
                <tr>
                  <th scope="col">{w.lot}</th>
                  <th scope="col">{w.serial}</th>
                  <th scope="col">{w.location}</th>
                  <th scope="col">{w.expiry}</th>
                  <th scope="col">{w.quantity}</th>
                </tr>
              </thead>
              <tbody>
                {result.picks.map((p) => (
                  <tr key={`${p.lotNo}|${p.serialNo}|${p.locationId}`} data-testid="fefo-row" data-lot={p.lotNo}>
                    <td>{p.lotNo}</td>
                    <td>{p.serialNo ?? w.none}</td>
                    <td>{names.location(p.locationId)}</td>
                    <td>{p.expiresOn ?? w.none}</td>
                    <td>{p.quantity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className={result.shortBy > 0 ? "alert alert-error" : "alert alert-success"}>
              {result.shortBy > 0 ? format(w.fefo.short, { quantity: result.shortBy }) : w.fefo.enough}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
