// The server's module boundaries, checked in `npm test` (docs/architecture.md, "Boundaries"):
//  - a module uses another only through its services (`service.ts`, `*-service.ts`) or its small
//    published interface (`published.ts`, which itself imports no other module) — never its
//    repository, schema (tables), scope helper or routes;
//  - a module's manifest (`index.ts`) is imported only by the composition root (app.ts, main.ts …);
//  - the platform and the database layer never import a module;
//  - no import cycle between files, and none between modules through their services.
// Tests are exempt (they set up data through any module). Type-only imports count, except for cycles.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const importPattern =
  /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every relative import of a source file: target path, line, and whether it is type-only. */
function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const found = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = m[3] ?? m[4];
    if (!spec?.startsWith('.')) continue;
    const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    found.push({ target: path.resolve(path.dirname(file), spec), line, typeOnly: Boolean(m[2]) });
  }
  return found;
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') out.push(...sourceFiles(full));
    } else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(full);
    }
  }
  return out;
}

/** `modules/<m>/…` → m; `platform/…`, `db/…` → that layer; anything else is the composition root. */
function layerOf(src, file) {
  const parts = path.relative(src, file).split(path.sep);
  if (parts[0] === 'modules' && parts.length > 2) return { kind: 'module', module: parts[1] };
  if (parts[0] === 'platform' || parts[0] === 'db') return { kind: parts[0] };
  return { kind: 'root' };
}

const isPublic = (file) => /(^|-)service\.ts$|^published\.ts$/.test(path.basename(file));

/** Cycles in a graph given as Map<node, Set<node>>, each reported once (Tarjan's components). */
function cyclesOf(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const cycles = [];
  const visit = (v) => {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!info.has(v)) visit(v);
  return cycles;
}

/** All boundary violations under `src` (apps/server/src), as readable lines. */
export function checkBoundaries(src) {
  const problems = [];
  const rel = (f) => path.relative(src, f);
  const files = sourceFiles(src);
  const fileGraph = new Map();
  const moduleGraph = new Map();
  for (const file of files) {
    const from = layerOf(src, file);
    fileGraph.set(file, new Set());
    for (const imp of importsOf(file)) {
      const to = layerOf(src, imp.target);
      if (!imp.typeOnly) fileGraph.get(file).add(imp.target);
      const where = `${rel(file)}:${imp.line}`;
      if (to.kind !== 'module') continue;
      if (from.kind === 'platform' || from.kind === 'db') {
        problems.push(`${where}: the ${from.kind} layer imports module ${to.module} (${rel(imp.target)})`);
        continue;
      }
      if (from.kind === 'module' && from.module === to.module) continue;
      const base = path.basename(imp.target);
      if (base === 'index.ts') {
        if (from.kind !== 'root')
          problems.push(
            `${where}: imports the manifest of module ${to.module}; only the composition root may`,
          );
        continue;
      }
      if (!isPublic(imp.target)) {
        problems.push(
          `${where}: uses ${rel(imp.target)}, an internal of module ${to.module}; go through its service (service.ts, *-service.ts) or published.ts`,
        );
        continue;
      }
      if (from.kind === 'module' && base !== 'published.ts') {
        if (!moduleGraph.has(from.module)) moduleGraph.set(from.module, new Set());
        moduleGraph.get(from.module).add(to.module);
      }
    }
    if (from.kind === 'module' && path.basename(file) === 'published.ts') {
      for (const imp of importsOf(file)) {
        const to = layerOf(src, imp.target);
        if (to.kind === 'module' && to.module !== from.module)
          problems.push(
            `${rel(file)}:${imp.line}: a published interface imports module ${to.module}; it must stand alone`,
          );
      }
    }
  }
  for (const file of fileGraph.keys()) {
    for (const target of fileGraph.get(file)) if (!fileGraph.has(target)) fileGraph.get(file).delete(target);
  }
  for (const cycle of cyclesOf(fileGraph))
    problems.push(`import cycle between files: ${cycle.map(rel).join(' ↔ ')}`);
  for (const cycle of cyclesOf(moduleGraph))
    problems.push(`modules depend on each other's services in a circle: ${cycle.join(' ↔ ')}`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkBoundaries(path.join(root, 'apps/server/src'));
  if (problems.length) {
    console.error(
      `Module boundaries: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('Module boundaries hold: no cross-module internal import, no import cycle.');
}
