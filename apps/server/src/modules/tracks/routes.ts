import {
  createTracks,
  createTracksResponse,
  trackDay,
  trackQuery,
  trackSummary,
  trackSummaryQuery,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'tracks';

/** 轨迹: phones on duty send points; supervisors read a day's route and the day's people. */
export function trackRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.post(
      '/tracks',
      {
        // whoever checks in in the field sends their track
        config: { permission: 'check-ins:create' },
        schema: docs(T, 'Send a batch of my track points (idempotent per point time)', {
          body: createTracks,
          response: { 200: createTracksResponse },
        }),
      },
      async (req) => service.recordPoints(db, callerOf(req), req.body),
    );
    app.get(
      '/tracks/summary',
      {
        config: { permission: 'tracks:view' },
        schema: docs(T, 'People in my tracks scope who sent points that day: count, mileage, last position', {
          querystring: trackSummaryQuery,
          response: { 200: trackSummary },
        }),
      },
      async (req) => ({ data: await service.daySummary(db, callerOf(req), req.query.date) }),
    );
    app.get(
      '/tracks',
      {
        config: { permission: 'tracks:view' },
        schema: docs(
          T,
          "A user's route of a day with the points kept after the jitter filter and the mileage",
          {
            querystring: trackQuery,
            response: { 200: trackDay },
          },
        ),
      },
      async (req) => service.trackOfDay(db, callerOf(req), req.query.userId, req.query.date),
    );
  };
}
