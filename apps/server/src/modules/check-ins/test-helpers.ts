import { randomUUID } from 'node:crypto';
import { type Agent, multipart } from '../../test/agent.ts';

/** A small JPEG of one colour (a different one each call unless given): a distinct photo. */
export async function photoJpeg(rgb?: { r: number; g: number; b: number }, size = { width: 64, height: 48 }) {
  const { default: sharp } = await import('sharp');
  const pick = () => Math.floor(Math.random() * 256);
  const background = rgb ?? { r: pick(), g: pick(), b: pick() };
  return sharp({ create: { ...size, channels: 3, background } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Posts a check-in as `agent` (multipart, with an Idempotency-Key) and answers the raw response. */
export async function postCheckIn(
  agent: Agent,
  fields: Record<string, string | number | undefined>,
  opts: {
    key?: string | null;
    photo?: { name: string; content: Buffer | string; type?: string } | null;
  } = {},
) {
  const text = Object.fromEntries(
    Object.entries({ type: 'attendance-in', capturedAt: new Date().toISOString(), ...fields })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const photo =
    opts.photo === null
      ? undefined
      : (opts.photo ?? { name: 'photo.jpg', content: await photoJpeg(), type: 'image/jpeg' });
  const body = multipart(text, photo ? { photo } : {});
  const key = opts.key === undefined ? randomUUID() : opts.key;
  return agent.request('POST', '/api/v1/check-ins', body.payload, {
    headers: { ...body.headers, ...(key === null ? {} : { 'idempotency-key': key }) },
  });
}

/** A check-in in Shanghai that must succeed: its answer. */
export async function createCheckInAs(
  agent: Agent,
  fields: Record<string, string | number | undefined> = {},
) {
  const res = await postCheckIn(agent, { lat: 31.2304, lng: 121.4737, accuracy: 20, ...fields });
  if (res.statusCode !== 201) throw new Error(`check-in failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; [k: string]: unknown };
}
