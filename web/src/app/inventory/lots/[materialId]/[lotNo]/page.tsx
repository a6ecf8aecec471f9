import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { namesOf } from "../../../names";
import { StatusBadges } from "../../../status-badge";
import { LotStatusForm } from "./lot-status-form";

type Params = { materialId: string; lotNo: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: format(t.inventory.lotPage.title, { lot: decodeURIComponent((await params).lotNo) }) };
}

/** One lot: status and expiry, where its stock is, and its append-only ledger; quality holds or releases it. */
export default async function LotPage({ params }: { params: Promise<Params> }) {
  const { materialId, lotNo: raw } = await params;
  const lotNo = decodeURIComponent(raw);
  const { user } = await requireUser(`/inventory/lots/${materialId}/${raw}`);
  const { t } = await getI18n();
  const w = t.inventory;
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(materialId, lotNo);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    if (!(e instanceof ApiError)) throw e;
    return (
      <p className="alert alert-error" role="alert">
        {errorMessage(t, e.code, e.message)}
      </p>
    );
  }
  const { lot, balances, ledger, names } = data;
  const quality = user.roles.includes("qc-inspector") || user.roles.includes("quality-engineer");
  return (
    <div className="admin-layout">
      <section className="card admin-list" aria-labelledby="lot-title">
        <h2 id="lot-title" className="card-title" data-testid="lot-title">
          {format(w.lotPage.title, { lot: lot.lotNo })} — {names.material(lot.materialId)}
        </h2>
        <dl className="role-line">
          <dt className="role-line-label">{w.status}</dt>
          <dd data-testid="lot-status" data-status={lot.status}>
            <StatusBadges
              lotStatus={lot.status}
              expired={balances[0]?.expired ?? false}
              expiresOn={lot.expiresOn}
              t={w}
            />
          </dd>
          <dt className="role-line-label">{w.expiry}</dt>
          <dd>{lot.expiresOn ?? w.none}</dd>
          <dt className="role-line-label">{w.lotPage.receivedAt}</dt>
          <dd>{lot.receivedAt.slice(0, 10)}</dd>
          {lot.holdReason && (
            <>
              <dt className="role-line-label">{w.lotPage.holdReason}</dt>
              <dd>{lot.holdReason}</dd>
            </>
          )}
        </dl>
        <h3 className="card-title">{w.lotPage.where}</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{w.location}</th>
              <th scope="col">{w.serial}</th>
              <th scope="col">{w.onHand}</th>
              <th scope="col">{w.reserved}</th>
              <th scope="col">{w.available}</th>
            </tr>
          </thead>
          <tbody>
            {balances.map((b) => (
              <tr key={`${b.locationId}|${b.serialNo}`}>
                <td>{names.location(b.locationId)}</td>
                <td>{b.serialNo ?? w.none}</td>
                <td>{b.onHand}</td>
                <td>{b.reserved}</td>
                <td>{b.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="card-title">{w.lotPage.ledger}</h3>
        <p className="hint">{w.lotPage.ledgerIntro}</p>
        <div className="table-wrap">
          <table className="table" data-testid="ledger-table">
            <thead>
              <tr>
                <th scope="col">{w.lotPage.at}</th>
                <th scope="col">{w.lotPage.kind}</th>
                <th scope="col">{w.location}</th>
                <th scope="col">{w.lotPage.change}</th>
                <th scope="col">{w.reserved}</th>
                <th scope="col">{w.reference}</th>
                <th scope="col">{w.reason}</th>
                <th scope="col">{w.lotPage.by}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((l) => (
                <tr key={l.lineId} data-testid="ledger-row">
                  <td>{l.at.slice(0, 19).replace("T", " ")}</td>
                  <td>{w.kinds[l.kind]}</td>
                  <td>{names.location(l.locationId)}</td>
                  <td>{l.quantity > 0 ? `+${l.quantity}` : l.quantity}</td>
                  <td>{l.reservedDelta || ""}</td>
                  <td>{l.reference ?? ""}</td>
                  <td>{l.reason ?? ""}</td>
                  <td>{l.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {quality && (
        <aside className="card admin-create" aria-labelledby="lot-status-title">
          <h2 id="lot-status-title" className="card-title">
            {lot.status === "hold" ? w.lotPage.release : w.lotPage.hold}
          </h2>
          <LotStatusForm
            materialId={lot.materialId}
            lotNo={lot.lotNo}
            status={lot.status}
            t={{ inventory: t.inventory, errors: t.errors, fields: t.fields }}
          />
        </aside>
      )}
    </div>
  );
}

async function load(materialId: string, lotNo: string) {
  const [detail, catalogue] = await Promise.all([
    api.inventory.lots.lot({ params: { materialId, lotNo } }),
    api.inventory.stock.catalogue(),
  ]);
  // Not every role may read the ledger; the lot's status and stock stand on their own.
  const ledger = await api.inventory.lots
    .lotLedger({ params: { materialId, lotNo } })
    .catch((e) => (e instanceof ApiError && e.status === 403 ? { items: [] } : Promise.reject(e)));
  return { ...detail, ledger: ledger.items, names: namesOf(catalogue) };
}
