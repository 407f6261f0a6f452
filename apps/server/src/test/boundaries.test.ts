import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../../../scripts/check-boundaries.mjs';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const trees: string[] = [];

/** A throwaway source tree: file path → its import lines. */
function tree(files: Record<string, string[]>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-boundaries-'));
  trees.push(root);
  for (const [file, imports] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `${imports.join('\n')}\nexport const x = 1;\n`);
  }
  return root;
}
afterAll(() => {
  for (const t of trees) fs.rmSync(t, { recursive: true, force: true });
});

describe('module boundaries (scripts/check-boundaries.mjs)', () => {
  it('hold in this code base', () => {
    expect(checkBoundaries(src)).toEqual([]);
  });

  it('refuse a repository, table or scope helper of another module, and a manifest outside the root', () => {
    const root = tree({
      'modules/a/repository.ts': [],
      'modules/a/schema.ts': [],
      'modules/a/scope.ts': [],
      'modules/a/service.ts': [],
      'modules/a/index.ts': [],
      'modules/b/service.ts': [
        "import { x } from '../a/repository.ts';",
        "import type { x as t } from '../a/schema.ts';",
        "import { x as y } from '../a/scope.ts';",
        "import { x as z } from '../a/service.ts';",
        "import { x as m } from '../a/index.ts';",
      ],
      'app.ts': ["import { x } from './modules/a/index.ts';"],
    });
    const problems = checkBoundaries(root);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/modules\/b\/service\.ts:1: uses modules\/a\/repository\.ts/);
    expect(problems.join('\n')).toMatch(/modules\/b\/service\.ts:2: uses modules\/a\/schema\.ts/);
    expect(problems.join('\n')).toMatch(/modules\/b\/service\.ts:3: uses modules\/a\/scope\.ts/);
    expect(problems.join('\n')).toMatch(/modules\/b\/service\.ts:5: imports the manifest of module a/);
  });

  it('refuse an import cycle between files and a cycle between modules through their services', () => {
    const root = tree({
      'modules/a/service.ts': ["import { x } from '../b/service.ts';"],
      'modules/b/service.ts': ["import { x } from '../c/other-service.ts';"],
      'modules/c/other-service.ts': ["import { x } from '../a/service.ts';"],
      'platform/one.ts': ["import { x } from './two.ts';"],
      'platform/two.ts': ["import { x } from './one.ts';"],
    });
    const problems = checkBoundaries(root).join('\n');
    expect(problems).toMatch(/import cycle between files: .*modules\/a\/service\.ts/);
    expect(problems).toMatch(/import cycle between files: platform\/one\.ts ↔ platform\/two\.ts/);
    expect(problems).toMatch(/modules depend on each other's services in a circle: a ↔ b ↔ c/);
  });

  it('refuse the platform or the database layer importing a module, and a published interface that does not stand alone', () => {
    const root = tree({
      'modules/a/service.ts': [],
      'modules/b/published.ts': ["import { x } from '../a/service.ts';"],
      'platform/thing.ts': ["import { x } from '../modules/a/service.ts';"],
      'db/client.ts': ["import { x } from '../modules/a/service.ts';"],
    });
    const problems = checkBoundaries(root).join('\n');
    expect(problems).toMatch(/platform\/thing\.ts:1: the platform layer imports module a/);
    expect(problems).toMatch(/db\/client\.ts:1: the db layer imports module a/);
    expect(problems).toMatch(/modules\/b\/published\.ts:1: a published interface imports module a/);
  });
});
