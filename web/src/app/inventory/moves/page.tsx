import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { MoveForm } from "./move-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.inventory.moves.title };
}

/** Receipts, issues, transfers, adjustments and shipments: each kind offered to the roles the API allows. */
export default async function MovesPage() {
  const { user } = await requireUser("/inventory/moves");
  const { t } = await getI18n();
  const catalogue = await api.inventory.stock.catalogue();
  const roles = new Set(user.roles);
  const kinds = [
    ...(roles.has("warehouse") ? (["receipt", "issue", "transfer", "adjustment", "ship"] as const) : []),
    ...(!roles.has("warehouse") && roles.has("operator") ? (["issue", "transfer"] as const) : []),
  ];
  return (
    <section className="card admin-create" aria-labelledby="moves-title">
      <h2 id="moves-title" className="card-title">
        {t.inventory.moves.title}
      </h2>
      {kinds.length === 0 ? (
        <p className="alert alert-info">{t.errors["role-not-allowed"]}</p>
      ) : (
        <MoveForm
          catalogue={catalogue}
          kinds={kinds}
          initialKey={randomUUID()}
          t={{ inventory: t.inventory, errors: t.errors, fields: t.fields }}
        />
      )}
    </section>
  );
}
