import type { Catalogue } from "@/i18n";
import type { Ship } from "@/server/schemas";

type Status = (typeof Ship.ShipmentStatus.options)[number];
const BADGE: Record<Status, string> = { picking: "badge-warning", dispatched: "badge-kind", delivered: "badge-active" };

export function ShipmentStatus({ status, t }: { status: Status; t: Catalogue["shipping"] }) {
  return (
    <span className={`badge ${BADGE[status]}`} data-testid="shipment-status" data-status={status}>
      {t.statuses[status]}
    </span>
  );
}
