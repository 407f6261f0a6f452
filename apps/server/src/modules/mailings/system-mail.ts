import type { Db } from '../../db/client.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { type Outcome, smtpProvider } from './delivery.ts';
import { findSettings, type SettingsRow } from './repository.ts';

/** One message of the system itself (a reminder, a digest) to one person. */
export type SystemMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Where the reader changes what they get (mail clients show it as 退订 / unsubscribe). */
  manageUrl?: string;
  /** Files sent with it (a subscribed report's XLSX). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

/** The tenant's SMTP opened for the system's own messages, with the site its links point to. */
export type SystemMailer = {
  /** The tenant's site address (群发 settings), without a trailing slash; null when not set. */
  site: string | null;
  send(mail: SystemMail): Promise<Outcome>;
  close(): void;
};

const smtpReady = (s: SettingsRow | undefined): s is SettingsRow =>
  Boolean(s?.smtpHost && s.smtpPort && s.fromAddress);

/** Whether the tenant has an SMTP server to send from (the 群发 settings). */
export async function smtpConfigured(db: Db, tenantId: string): Promise<boolean> {
  return smtpReady(await findSettings(db, tenantId));
}

/**
 * A mailer over the tenant's SMTP settings (the password opened with the server key, as
 * mailings do), one pooled connection for a batch — `close()` it after; null when the tenant has
 * no SMTP server configured.
 */
export async function systemMailer(db: Db, key: ServerKey, tenantId: string): Promise<SystemMailer | null> {
  const s = await findSettings(db, tenantId);
  if (!smtpReady(s)) return null;
  const provider = smtpProvider({
    host: s.smtpHost!,
    port: s.smtpPort!,
    secure: s.smtpSecure,
    user: s.smtpUser,
    password: s.smtpPassword ? key.open(s.smtpPassword) : null,
    fromAddress: s.fromAddress!,
    fromName: s.fromName,
  });
  return {
    site: s.linkBaseUrl ? s.linkBaseUrl.replace(/\/+$/, '') : null,
    send: (m) =>
      provider.send({
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        unsubscribeUrl: m.manageUrl ?? '',
        merge: {},
        attachments: m.attachments,
      }),
    close: () => provider.close(),
  };
}

/** One system message now; null when the tenant has no SMTP server (nothing was sent). */
export async function sendSystemMail(
  db: Db,
  key: ServerKey,
  tenantId: string,
  mail: SystemMail,
): Promise<Outcome | null> {
  const mailer = await systemMailer(db, key, tenantId);
  if (!mailer) return null;
  try {
    return await mailer.send(mail);
  } finally {
    mailer.close();
  }
}
