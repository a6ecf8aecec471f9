import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { namesOf } from "../names";
import { CountEntryForm, PostCountForm } from "./count-forms";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.inventory.tabs.counts };
}

/** Warehouse staff enter counts; planners (or the admin) review the variances and post them. */
export default async function CountsPage() {
  const { user } = await requireUser("/inventory/counts");
  const { t } = await getI18n();
  const w = t.inventory;
  const words = { inventory: t.inventory, errors: t.errors, fields: t.fields };
  const counter = user.roles.includes("warehouse");
  const approver = user.roles.includes("planner") || user.roles.includes("admin");
  const catalogue = await api.inventory.stock.catalogue();
  const names = namesOf(catalogue);
  const queue =
    counter || approver
      ? (
          await Promise.all(
            catalogue.warehouses.map((x) =>
              api.inventory.counts.counts({ query: { warehouseId: x.warehouseId, status: "entered" } }),
            ),
          )
        ).flatMap((r) => r.items)
      : [];
  return (
    <div className="admin-layout">
      <section className="card admin-list" aria-labelledby="queue-title">
        <h2 id="queue-title" className="card-title">
          {w.counts.queue}
        </h2>
        {queue.length === 0 && <p className="empty-state">{w.counts.queueEmpty}</p>}
        {queue.map((c) => (
          <article key={c.countId} className="panel" data-testid="count-entry">
            <h3 className="panel-title">{names.location(c.locationId)}</h3>
            <p className="hint">{format(w.counts.countedBy, { who: c.countedBy, at: c.countedAt.slice(0, 16) })}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{w.material}</th>
                  <th scope="col">{w.lot}</th>
                  <th scope="col">{w.serial}</th>
                  <th scope="col">{w.counts.system}</th>
                  <th scope="col">{w.counts.counted}</th>
                  <th scope="col">{w.counts.variance}</th>
                </tr>
              </thead>
              <tbody>
                {c.lines.map((l) => (
                  <tr key={`${l.materialId}|${l.lotNo}|${l.serialNo}`}>
                    <td>{names.material(l.materialId)}</td>
                    <td>{l.lotNo}</td>
                    <td>{l.serialNo ?? w.none}</td>
                    <td>{l.system}</td>
                    <td>{l.counted}</td>
                    <td>{l.variance > 0 ? `+${l.variance}` : l.variance}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {approver && <PostCountForm countId={c.countId} t={words} />}
          </article>
        ))}
      </section>
      {counter && (
        <aside className="card admin-create" aria-labelledby="count-title">
          <h2 id="count-title" className="card-title">
            {w.counts.title}
          </h2>
          <p className="hint">{w.counts.intro}</p>
          <CountEntryForm catalogue={catalogue} initialKey={randomUUID()} t={words} />
        </aside>
      )}
    </div>
  );
}
