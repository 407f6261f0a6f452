import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { guardedRoutes, type ModuleAuthz, routeName } from './authz-matrix.ts';

/** A module's `authz.ts` as loaded: `file` relative to `src` (`modules/pools/authz.ts`). */
export type AuthzFile = { file: string; authz: ModuleAuthz | undefined };
/** A test file's path relative to `src` and its text. */
export type TestFile = { file: string; text: string };
type RouteLike = { method: string; url: string; config: { permission?: string } };

const namedImport = /import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;

/** The names a test file binds the `authz` export of `authzFile` to (`import { authz as x } from …`). */
function bindingsOf(test: TestFile, authzFile: string): string[] {
  const names: string[] = [];
  for (const [, specifiers, from] of test.text.matchAll(namedImport)) {
    if (!from.startsWith('.')) continue;
    if (path.posix.join(path.posix.dirname(test.file), from) !== authzFile) continue;
    for (const s of specifiers.split(',')) {
      const m = /^\s*authz(?:\s+as\s+(\w+))?\s*$/.exec(s);
      if (m) names.push(m[1] ?? 'authz');
    }
  }
  return names;
}

const regExpQuoted = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the authorisation matrices leave out, all of it, as readable lines (none: complete):
 * guarded routes no permission matrix selects, scoped modules without a scope matrix, `authz.ts`
 * files no test file runs (imports its `authz` and calls `describeAuthz` with it), files without
 * an `authz` export and permission matrices that select no guarded route.
 */
export function authzGaps(input: {
  routes: readonly RouteLike[];
  authzFiles: readonly AuthzFile[];
  scopedModules: readonly string[];
  testFiles: readonly TestFile[];
}): string[] {
  const gaps: string[] = [];
  const guarded = guardedRoutes(input.routes);
  const stated = input.authzFiles.filter((f): f is AuthzFile & { authz: ModuleAuthz } => {
    if (!f.authz) gaps.push(`${f.file} exports no \`authz\``);
    return Boolean(f.authz);
  });
  const matrices = stated.flatMap((f) => f.authz.permissions.map((m) => ({ ...m, file: f.file })));
  for (const r of guarded) {
    if (!matrices.some((m) => m.routes(r)))
      gaps.push(`route ${routeName(r)} (${r.config.permission}) is selected by no permission matrix`);
  }
  for (const m of matrices) {
    if (!guarded.some((r) => m.routes(r)))
      gaps.push(`permission matrix "${m.name}" (${m.file}) selects no guarded route`);
  }
  const scoped = new Set(stated.flatMap((f) => f.authz.scopes.map((s) => s.module as string)));
  for (const module of input.scopedModules) {
    if (!scoped.has(module)) gaps.push(`scoped module ${module} has no scope matrix`);
  }
  for (const f of input.authzFiles) {
    const runs = input.testFiles.some((test) =>
      bindingsOf(test, f.file).some((name) =>
        new RegExp(`\\bdescribeAuthz\\(\\s*${regExpQuoted(name)}\\s*\\)`).test(test.text),
      ),
    );
    if (!runs)
      gaps.push(`${f.file} is run by no test file (import its \`authz\`, call describeAuthz(authz))`);
  }
  return gaps;
}

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every `modules/<m>/authz.ts`, loaded. */
export async function loadAuthzFiles(): Promise<AuthzFile[]> {
  const found: AuthzFile[] = [];
  for (const m of fs.readdirSync(path.join(src, 'modules')).sort()) {
    const file = path.join(src, 'modules', m, 'authz.ts');
    if (!fs.existsSync(file)) continue;
    const loaded = (await import(pathToFileURL(file).href)) as { authz?: ModuleAuthz };
    found.push({ file: `modules/${m}/authz.ts`, authz: loaded.authz });
  }
  return found;
}

/** Every `*.test.ts` under `src`, with its text. */
export function loadTestFiles(dir = src): TestFile[] {
  const found: TestFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...loadTestFiles(full));
    else if (entry.name.endsWith('.test.ts'))
      found.push({
        file: path.relative(src, full).split(path.sep).join('/'),
        text: fs.readFileSync(full, 'utf8'),
      });
  }
  return found;
}
