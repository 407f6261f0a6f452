import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionCatalog } from '@guanxi/contract';
import { describe, expect, it } from 'vitest';
import { modules } from '../app.ts';

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');

describe('module manifests', () => {
  it('every module folder has a manifest named after it, listed once in app.ts', () => {
    const folders = fs
      .readdirSync(modulesDir)
      .filter((f) => fs.statSync(path.join(modulesDir, f)).isDirectory());
    const missing = folders.filter((f) => !fs.existsSync(path.join(modulesDir, f, 'index.ts')));
    expect({ foldersWithoutManifest: missing }).toEqual({ foldersWithoutManifest: [] });
    expect([...modules.map((m) => m.name)].sort()).toEqual([...folders].sort());
  });

  it('every module of the permission catalogue is owned by exactly one manifest', () => {
    const owners = new Map<string, string[]>();
    for (const m of modules)
      for (const p of m.permissions ?? []) owners.set(p, [...(owners.get(p) ?? []), m.name]);
    const problems = Object.keys(permissionCatalog).flatMap((p) => {
      const by = owners.get(p) ?? [];
      return by.length === 1 ? [] : [`${p}: owned by ${by.length ? by.join(', ') : 'no module'}`];
    });
    expect(problems).toEqual([]);
  });

  it('a manifest grants default roles only the permissions of what it owns', () => {
    const stray = modules.flatMap((m) =>
      Object.values(m.defaultGrants ?? {})
        .flat()
        .filter((p) => !(m.permissions ?? []).some((owned) => p.startsWith(`${owned}:`)))
        .map((p) => `${m.name} grants ${p}`),
    );
    expect(stray).toEqual([]);
  });
});
