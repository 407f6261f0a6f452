/** A read through the app beside the statements it sent replayed raw: the database's share of it. */
import { type BenchDatabase, captureQueries, type Statement } from './database.ts';
import { explain, get, runStatements, type Session } from './session.ts';
import { fmt, type Summary, timeLoop } from './stats.ts';

export type ReadFigure = { label: string; serial: Summary; raw: Summary; statements: number; rows: number };
export type Plans = { title: string; plan: string }[];

/**
 * Requests `urls` in turn, one after the other, for `ms`; then replays the statements each sent
 * (session look-up left out) raw from Node for `rawMs`. Past `goalMs` at p95, the plans of the
 * first URL's statements are kept in `plans` to print.
 */
export async function measureReads(
  bench: BenchDatabase,
  label: string,
  urls: string[],
  s: Session,
  plans: Plans,
  goalMs: number,
  { ms = 3000, rawMs = 2000 }: { ms?: number; rawMs?: number } = {},
): Promise<ReadFigure> {
  const headers = { cookie: s.cookie };
  const captured: Statement[][] = [];
  let rows = 0;
  for (const url of urls) {
    const res = await get(url, headers);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { data: unknown[] };
    rows += body.data.length;
    captured.push(
      (await captureQueries(bench, () => get(url, headers).then((r) => r.arrayBuffer()))).filter(
        (x) => !/\bsessions\b/.test(x.text),
      ),
    );
  }
  let i = 0;
  const serial = await timeLoop(() => get(urls[i++ % urls.length], headers).then((r) => r.arrayBuffer()), ms);
  let j = 0;
  const raw = await timeLoop(() => runStatements(bench, captured[j++ % captured.length]), rawMs);
  if (serial.p95 > goalMs)
    for (const st of captured[0])
      plans.push({ title: `${label}: statement`, plan: await explain(bench, st) });
  const perUrl = Math.round(rows / urls.length);
  console.log(
    `  ${label}: ${fmt.ms(serial.p50)}/${fmt.ms(serial.p95)} ms p50/p95 (raw ${fmt.ms(raw.p50)}/${fmt.ms(raw.p95)}), ` +
      `${captured[0].length} statements, ${perUrl} rows`,
  );
  return { label, serial, raw, statements: captured[0].length, rows: perUrl };
}
