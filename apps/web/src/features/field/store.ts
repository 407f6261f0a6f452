import type { CheckInType, TrackPoint } from '@guanxi/contract';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** A check-in made on this device, kept until the server has answered it with its record. */
export type PendingCheckIn = {
  /** The `Idempotency-Key`, made when the check-in was: every retry sends the same one. */
  key: string;
  /** Who made it: a colleague signing in on the same phone neither sees nor sends it. */
  userId: string;
  type: CheckInType;
  lat?: number;
  lng?: number;
  accuracy?: number;
  capturedAt: string;
  customerId?: string;
  /** For the 待上传 list (the server names the customer itself). */
  customerName?: string;
  /** 活动签到 against a marketing plan; its title only for the 待上传 list. */
  planId?: string;
  planTitle?: string;
  note?: string;
  photo?: Blob;
  /** `failed`: the server refused it (4xx); shown with its message until the user deletes it. */
  status: 'pending' | 'failed';
  error?: string;
};

type StoredTrackPoint = TrackPoint & { userId: string };

interface FieldDb extends DBSchema {
  checkIns: { key: string; value: PendingCheckIn; indexes: { byUser: string } };
  trackPoints: { key: number; value: StoredTrackPoint; indexes: { byUser: string } };
}

let db: Promise<IDBPDatabase<FieldDb>> | undefined;

function open() {
  db ??= openDB<FieldDb>('guanxi-field', 1, {
    upgrade(database) {
      database.createObjectStore('checkIns', { keyPath: 'key' }).createIndex('byUser', 'userId');
      database.createObjectStore('trackPoints', { autoIncrement: true }).createIndex('byUser', 'userId');
    },
  });
  return db;
}

const listeners = new Set<() => void>();
let version = 0;

/** For `useSyncExternalStore`: a number that moves whenever the queue changes. */
export function subscribeToQueue(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const queueVersion = () => version;
function changed() {
  version++;
  for (const listener of listeners) listener();
}

export async function listCheckIns(userId: string): Promise<PendingCheckIn[]> {
  const all = await (await open()).getAllFromIndex('checkIns', 'byUser', userId);
  return all.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
}

export async function putCheckIn(item: PendingCheckIn) {
  await (await open()).put('checkIns', item);
  changed();
}

export async function deleteCheckIn(key: string) {
  await (await open()).delete('checkIns', key);
  changed();
}

export async function addTrackPoint(userId: string, point: TrackPoint) {
  await (await open()).add('trackPoints', { ...point, userId });
}

/** The oldest `limit` points of a user, with their storage keys (to delete once sent). */
export async function oldestTrackPoints(userId: string, limit: number) {
  const tx = (await open()).transaction('trackPoints');
  const out: { id: number; point: TrackPoint }[] = [];
  let cursor = await tx.store.index('byUser').openCursor(userId);
  while (cursor && out.length < limit) {
    const { userId: _owner, ...point } = cursor.value;
    out.push({ id: cursor.primaryKey, point });
    cursor = await cursor.continue();
  }
  await tx.done;
  return out;
}

export async function deleteTrackPoints(ids: number[]) {
  const tx = (await open()).transaction('trackPoints', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}
