import { z } from "zod";
import { Db } from "../db/service.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { fn } from "../util/fn.ts";
import { useTenantId } from "./context.ts";
import { SecurityAlert } from "./schema.ts";

/**
 * Attempts at unauthorised use, reported to the organisation's admins (21 CFR 11.300(d)): raised
 * by the lockout (lockout.ts), listed newest first on `GET /v1/security-alerts`.
 */
export async function raise(alert: Omit<SecurityAlert, "alertId" | "at">): Promise<void> {
  await Db.entities.securityAlert.create({ tenantId: useTenantId(), alertId: uuid(), at: nowIso(), ...alert }).go();
}

export const list = fn(
  z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  async ({ limit }): Promise<SecurityAlert[]> => {
    const { data } = await Db.entities.securityAlert.query
      .byTime({ tenantId: useTenantId() })
      .go({ order: "desc", limit, pages: "all" });
    return data.map((a) =>
      SecurityAlert.parse({
        alertId: a.alertId,
        at: a.at,
        kind: a.kind,
        userId: a.userId,
        email: a.email,
        failures: a.failures,
        message: a.message,
      }),
    );
  },
);
