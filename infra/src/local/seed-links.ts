import { TenantLinkMirror, TenantLinks, type TenantSchema, withActor } from "@medloop/shared";
import { onDay, STORY } from "./seed-story.ts";

/**
 * The demo's links (SEC-3): a manufacturer invited each of `hospitals` when it onboarded, and with
 * `accepted` each hospital's admin accepted the same day, so shipments reach their installed bases
 * (`pending` leaves the invitation for the hospital's admin to answer). Each side is
 * written as that side: the invitation as the manufacturer, the acceptance as the hospital. The
 * mirror (which the bus runs for every change) is called here too, so the hospital's answer does not
 * wait on the bus; when the bus delivers the same events later they change nothing. A second run
 * finds the links and changes nothing.
 */
export async function seedLinks(
  inviter: TenantSchema.TenantInfo,
  hospitals: { tenantId: string }[],
  answer: "accepted" | "pending",
): Promise<void> {
  const as = (tenantId: string) => ({ type: "system" as const, tenantId, name: "demo-seed" });
  const envelope = (tenantId: string, occurredAt: string) => ({
    id: `demo-seed-link-${tenantId}`,
    tenantId,
    occurredAt,
    actor: "system:demo-seed",
  });
  for (const { tenantId: hospital } of hospitals) {
    await onDay(STORY.onboarding, async () => {
      const invited = await withActor(as(inviter.tenantId), async () =>
        (await TenantLinks.find(hospital)) ? undefined : TenantLinks.invite({ partnerTenantId: hospital }),
      );
      if (!invited) return;
      const round = { invitedAt: invited.invitedAt };
      await TenantLinkMirror.invited({
        ...envelope(inviter.tenantId, invited.invitedAt),
        data: { partnerTenantId: hospital, ...round, inviterName: inviter.name, inviterKind: inviter.kind },
      });
      if (answer === "pending") return;
      const accepted = await withActor(as(hospital), () => TenantLinks.accept({ partnerTenantId: inviter.tenantId }));
      await TenantLinkMirror.answered(
        { ...envelope(hospital, accepted.changedAt), data: { partnerTenantId: inviter.tenantId, ...round } },
        "accepted",
      );
    });
  }
}
