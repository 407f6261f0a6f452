import type { ServerKey } from '../../platform/secrets.ts';
import type { Message, Provider } from './delivery.ts';
import { httpSmsProvider, renderEmail, renderSms, smtpProvider } from './delivery.ts';
import type * as repo from './repository.ts';

// The tenant's sending channels (SMTP, an HTTP SMS gateway) as configured, and the messages sent
// through them.

/** The address links in messages start with: the configured base, else the request's origin. */
export const siteOf = (settings: repo.SettingsRow, requestOrigin: string) =>
  (settings.linkBaseUrl ?? requestOrigin).replace(/\/+$/, '');

/** Whether the channel has what sending needs. */
export function configured(
  settings: repo.SettingsRow | undefined,
  channel: string,
): settings is repo.SettingsRow {
  if (!settings) return false;
  return channel === 'email'
    ? Boolean(settings.smtpHost && settings.smtpPort && settings.fromAddress)
    : Boolean(settings.smsUrl);
}

/** The channel's provider, its secrets opened with the server key; null when not configured. */
export function providerFor(
  key: ServerKey,
  settings: repo.SettingsRow | undefined,
  channel: string,
): Provider | null {
  if (!configured(settings, channel)) return null;
  const open = (v: string | null) => (v ? key.open(v) : null);
  return channel === 'email'
    ? smtpProvider({
        host: settings.smtpHost!,
        port: settings.smtpPort!,
        secure: settings.smtpSecure,
        user: settings.smtpUser,
        password: open(settings.smtpPassword),
        fromAddress: settings.fromAddress!,
        fromName: settings.fromName,
      })
    : httpSmsProvider({
        url: settings.smsUrl!,
        secret: open(settings.smsSecret),
        template: settings.smsTemplate,
      });
}

/** A message to `to`: the mailing's texts merged with the recipient's values and its unsubscribe link. */
export function messageFor(
  m: { channel: string; subject: string | null; body: string },
  to: string,
  merge: Record<string, string>,
  unsubscribeUrl: string,
): Message {
  const values = { ...merge, unsubscribeUrl };
  if (m.channel === 'email')
    return { to, ...renderEmail(m.subject ?? '', m.body, values), unsubscribeUrl, merge: values };
  const text = renderSms(m.body, values);
  return { to, subject: '', text, html: '', unsubscribeUrl, merge: values };
}
