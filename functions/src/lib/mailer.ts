import { appendFileSync } from "node:fs";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { nowIso } from "@medloop/shared";

/**
 * Where a task's e-mail goes. In AWS through SES (MEDLOOP_MAIL_FROM is the verified sender); on the
 * local platform into an outbox file of JSON lines (MEDLOOP_MAIL_OUTBOX), readable in development
 * and by the tests.
 */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

export type Mailer = (mail: Mail) => Promise<void>;

export function mailerFromEnv(env = process.env): Mailer {
  const outbox = env.MEDLOOP_MAIL_OUTBOX;
  if (outbox) {
    return async (mail) => appendFileSync(outbox, `${JSON.stringify({ ...mail, at: nowIso() })}\n`);
  }
  const from = env.MEDLOOP_MAIL_FROM;
  if (!from) throw new Error("Neither MEDLOOP_MAIL_OUTBOX nor MEDLOOP_MAIL_FROM is set: nowhere to send mail");
  const ses = new SESv2Client({});
  return async ({ to, subject, text }) => {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: to },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    );
  };
}
