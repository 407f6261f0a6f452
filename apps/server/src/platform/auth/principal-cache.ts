import type { Principal } from './principal.ts';

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Recently loaded callers, by credential hash, so an authenticated request needs no database
 * round trip. Any change that could alter a caller (logout, revoke, password, user, role,
 * department, tenant) clears it: locally right after the change, and on other replicas through
 * a NOTIFY (see auth-changes.ts). A load that raced with a clear is not stored (generation check).
 */
export class PrincipalCache {
  private entries = new Map<string, { row: Principal; until: number; expiresAt: number }>();
  private generationValue = 0;

  get generation() {
    return this.generationValue;
  }

  get(key: string): Principal | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const now = Date.now();
    if (hit.until < now || hit.expiresAt < now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.row;
  }

  /** Stores a row loaded while `generation` was current; dropped if a clear happened since. */
  set(key: string, row: Principal, generation: number, credentialExpiresAt: number) {
    if (generation !== this.generationValue) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { row, until: Date.now() + TTL_MS, expiresAt: credentialExpiresAt });
  }

  clear() {
    this.generationValue++;
    this.entries.clear();
  }
}
