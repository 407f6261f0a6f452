import crypto from 'node:crypto';
import nodemailer from 'nodemailer';

/** What a channel needs to deliver one message, opened from the tenant's settings. */
export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  fromAddress: string;
  fromName: string | null;
};
export type SmsSettings = { url: string; secret: string | null; template: string | null };

export type Message = {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
  merge: Record<string, string>;
  /** Files sent with the message (a subscribed report's XLSX); SMTP only. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

/** Delivery's outcome for one recipient: `bounced` is a permanent refusal of the address (5xx). */
export type Outcome = { status: 'sent' } | { status: 'failed' | 'bounced'; error: string };

/** A provider of one channel: the e-mail one (SMTP) and the SMS one (HTTP) below. */
export interface Provider {
  send(message: Message): Promise<Outcome>;
  close(): void;
}

const ERROR_MAX = 500;
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, ERROR_MAX);

/** SMTP through nodemailer: one pooled connection per batch, STARTTLS when the server offers it. */
export function smtpProvider(s: SmtpSettings): Provider {
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: s.fromName ? { name: s.fromName, address: s.fromAddress } : s.fromAddress,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          // mail clients show their own 退订 button from this (RFC 2369)
          list: { unsubscribe: { url: m.unsubscribeUrl, comment: 'Unsubscribe' } },
          attachments: m.attachments,
        });
        return { status: 'sent' };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        return { status: code && code >= 500 && code < 600 ? 'bounced' : 'failed', error: reason(err) };
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The HTTP SMS provider: `POST url` with `{to, text, template, params}` as JSON, signed with
 * `X-Guanxi-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the secret>` and
 * `X-Guanxi-Timestamp` (Unix seconds), so the gateway can check who sent it and refuse replays.
 * A 2xx answer is delivered; anything else fails with the answer's status and first bytes.
 */
export function httpSmsProvider(s: SmsSettings): Provider {
  return {
    async send(m) {
      const body = JSON.stringify({ to: m.to, text: m.text, template: s.template, params: m.merge });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = crypto
        .createHmac('sha256', s.secret ?? '')
        .update(`${timestamp}.${body}`)
        .digest('hex');
      try {
        const res = await fetch(s.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-guanxi-timestamp': timestamp,
            'x-guanxi-signature': `sha256=${signature}`,
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        if (res.ok) return { status: 'sent' };
        const text = (await res.text().catch(() => '')).slice(0, 200);
        return { status: 'failed', error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
      } catch (err) {
        return { status: 'failed', error: reason(err) };
      }
    },
    close() {},
  };
}

// ---- merge fields ----

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The `{{field}}`s a text uses that are not in `known`. */
export function unknownFields(text: string, known: readonly string[]): string[] {
  return [...text.matchAll(FIELD)].map((m) => m[1]).filter((f) => !known.includes(f));
}

export const merge = (text: string, values: Record<string, string>) =>
  text.replace(FIELD, (all, field: string) => values[field] ?? all);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * One recipient's e-mail: the body merged, as text and as simple HTML (escaped, line breaks kept),
 * with the unsubscribe link at the foot unless the body placed `{{unsubscribeUrl}}` itself.
 */
export function renderEmail(subject: string, body: string, values: Record<string, string>) {
  const text = merge(body, values);
  const placed = body.includes('unsubscribeUrl');
  const url = values.unsubscribeUrl;
  const footText = placed ? '' : `\n\n--\n退订 / Unsubscribe: ${url}`;
  const footHtml = placed
    ? ''
    : `<hr><p style="color:#888;font-size:12px"><a href="${escapeHtml(url)}">退订 / Unsubscribe</a></p>`;
  const html = `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>${footHtml}`;
  return { subject: merge(subject, values), text: text + footText, html };
}

/** One recipient's SMS: merged, with 退订 and the link appended unless the body placed it. */
export function renderSms(body: string, values: Record<string, string>) {
  const text = merge(body, values);
  return body.includes('unsubscribeUrl') ? text : `${text} 退订 ${values.unsubscribeUrl}`;
}
