import type { Catalogue } from "@/i18n";
import { nearExpiry } from "./names";

/** Quality and expiry status of a stock line, in words and colour. */
export function StatusBadges({
  lotStatus,
  expired,
  expiresOn,
  t,
}: {
  lotStatus: "released" | "hold";
  expired: boolean;
  expiresOn: string | null;
  t: Catalogue["inventory"];
}) {
  return (
    <span className="chips">
      {lotStatus === "hold" ? (
        <span className="badge badge-disabled" data-status="hold">
          {t.hold}
        </span>
      ) : (
        <span className="badge badge-active" data-status="released">
          {t.released}
        </span>
      )}
      {expired && <span className="badge badge-disabled">{t.expired}</span>}
      {!expired && nearExpiry(expiresOn) && <span className="tag">{t.nearExpiry}</span>}
    </span>
  );
}
