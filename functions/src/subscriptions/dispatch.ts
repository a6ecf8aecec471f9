import { type BusEvent, EarlyWarning, withActor } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { mailerFromEnv } from "../lib/mailer.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

useTenantScopedCredentials();

const { AlertRaised, AlertEscalated } = EarlyWarning.Events;

/**
 * The dispatch handler (EW-3): an alert raised or escalated → its task for the assignee at that
 * level, with the deadline and the evidence, an in-app notification to each person it reaches, and
 * an e-mail. The task is made once per alert and level; the mail is sent after the commit and
 * marked sent, so a retry sends a mail that failed and a replay does not send it twice.
 */
export async function handler(event: BusEvent<unknown>) {
  const type = event["detail-type"];
  const schema =
    type === AlertRaised.detailType
      ? AlertRaised.detailSchema
      : type === AlertEscalated.detailType
        ? AlertEscalated.detailSchema
        : undefined;
  if (!schema) throw new Error(`dispatch does not handle ${type}`);
  const { tenantId, data } = schema.parse(event.detail);
  return withActor({ type: "system", tenantId, name: "dispatch" }, async () => {
    const done = await EarlyWarning.Tasks.dispatch(data.alertId, data.level);
    if (!done) return { outcome: "stale" as const };
    if (done.mail) {
      await mailerFromEnv()(done.mail);
      await EarlyWarning.Tasks.markMailed(done.task.taskId);
    }
    logger.info("alert dispatched", { tenantId, alertId: data.alertId, level: data.level, taskId: done.task.taskId });
    return { outcome: "dispatched" as const, taskId: done.task.taskId };
  });
}
