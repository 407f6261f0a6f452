import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/results/` (git-ignored). */
export const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes one run's figures to `bench/results/<scenario>-<timestamp>.json`; returns the path. */
export function writeResults(scenario: string, data: unknown): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(resultsDir, `${scenario}-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** Writes a run's printed tables to `bench/results/<scenario>-<day>-<size>.md`; returns the path. */
export function writeSummary(scenario: string, size: number, text: string): string {
  const day = new Date().toISOString().slice(0, 10);
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${scenario}-${day}-${size}.md`);
  fs.writeFileSync(file, `# bench ${scenario}, ${day}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  return file;
}
