import { z } from 'zod';
import { id, timestamp } from './common.ts';

/** 轨迹: what a phone on duty sends, in batches, and what the monitoring page reads. */
export const trackLimits = {
  /** Points in one `POST /tracks`. */
  batch: 500,
  /** A point's `at` may be at most this far ahead of the server's clock (a phone's clock drifts). */
  futureMs: 5 * 60_000,
  /** Reported accuracy, metres. */
  accuracy: { min: 0, max: 100_000 },
  /** A move faster than this from the last kept point is a GPS jump, not travel (km/h). */
  maxSpeedKmh: 200,
} as const;

/** A calendar date `YYYY-MM-DD` (the tenant's time zone day). */
const date = z.iso.date();

/** One position (WGS-84) with its accuracy in metres and when the phone took it. */
export const trackPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(trackLimits.accuracy.min).max(trackLimits.accuracy.max),
  at: z.iso.datetime({ offset: true }),
});
export type TrackPoint = z.infer<typeof trackPoint>;

/**
 * `POST /tracks` (permission `check-ins:create`): idempotent per user and `at` — a point sent
 * again (a retried batch) is counted in `duplicates`, never stored twice. A point more than five
 * minutes in the future is 400 for the whole batch.
 */
export const createTracks = z.object({
  points: z.array(trackPoint).min(1).max(trackLimits.batch),
});
export type CreateTracks = z.input<typeof createTracks>;

export const createTracksResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
});
export type CreateTracksResponse = z.infer<typeof createTracksResponse>;

/** `GET /tracks?userId=&date=` (tracks:view; the user within the caller's tracks scope, else 404). */
export const trackQuery = z.object({ userId: id, date });
export type TrackQuery = z.infer<typeof trackQuery>;

export const storedTrackPoint = z.object({
  lat: z.number(),
  lng: z.number(),
  accuracy: z.number(),
  at: timestamp,
});
export type StoredTrackPoint = z.infer<typeof storedTrackPoint>;

/**
 * A day's route: every raw point of the day in time order, and `kept` — the indexes into `points`
 * (ascending) that survive the jitter filter (accuracy worse than the tenant's limit, moves smaller
 * than the points' accuracy, impossible speeds). Draw the line through the kept points;
 * `distanceMeters` is the length of that line.
 */
export const trackDay = z.object({
  userId: z.string(),
  date: z.string(),
  points: z.array(storedTrackPoint),
  kept: z.array(z.number().int()),
  distanceMeters: z.number(),
});
export type TrackDay = z.infer<typeof trackDay>;

/** `GET /tracks/summary?date=`: the people in the caller's tracks scope who sent points that day. */
export const trackSummaryQuery = z.object({ date });
export const trackSummaryItem = z.object({
  /** The user's id, as `userId` (a list item's `id`, like every list). */
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  /** Raw points of the day. */
  points: z.number().int(),
  distanceMeters: z.number(),
  lastAt: timestamp,
  lastLat: z.number(),
  lastLng: z.number(),
});
export type TrackSummaryItem = z.infer<typeof trackSummaryItem>;
export const trackSummary = z.object({ data: z.array(trackSummaryItem) });
export type TrackSummary = z.infer<typeof trackSummary>;
