import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the local SMTP server took: its envelope recipient, decoded subject, text and HTML parts. */
export type ReceivedMail = { to: string; subject: string; text: string; html: string; raw: string };

const decodeQp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) of a header. */
const decodeWords = (s: string) =>
  s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQp(data.replace(/_/g, ' ')),
    );

function split(part: string) {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

function decodeBody(headers: Map<string, string>, body: string) {
  const enc = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQp(body);
  return Buffer.from(body, 'latin1').toString('utf8');
}

/** Just enough MIME for the tests: the subject and the text/plain and text/html parts, at any depth. */
export function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'raw'> {
  const out = { subject: '', text: '', html: '' };
  const walk = (part: string, top: boolean) => {
    const { headers, body } = split(part);
    if (top) out.subject = decodeWords(headers.get('subject') ?? '');
    const type = headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      for (const child of body.split(`--${boundary}`).slice(1))
        if (!child.startsWith('--')) walk(child.replace(/^\r?\n/, ''), false);
    } else if (type.toLowerCase().startsWith('text/html')) out.html += decodeBody(headers, body);
    else if (type.toLowerCase().startsWith('text/plain')) out.text += decodeBody(headers, body);
  };
  walk(raw, true);
  return out;
}

/**
 * A local SMTP server on a random port for API tests: no TLS, any login, keeps every message.
 * Recipients starting with `nobody` are refused for good (550), with `busy` for now (451).
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      cb(null, { user: auth.username });
    },
    onRcptTo(address, _session, cb) {
      const fail = (code: number, text: string) => cb(Object.assign(new Error(text), { responseCode: code }));
      if (address.address.startsWith('nobody')) return fail(550, '5.1.1 No such user here');
      if (address.address.startsWith('busy')) return fail(451, '4.3.0 Mailbox busy, try later');
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const parsed = parseMail(raw);
        for (const r of session.envelope.rcptTo) received.push({ to: r.address, raw, ...parsed });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    port,
    /** What one address received. */
    to: (address: string) => received.filter((m) => m.to === address),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
