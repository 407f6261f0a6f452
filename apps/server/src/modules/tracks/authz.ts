import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** A fixed past day: points of it never drift into another day while the suite runs. */
export const matrixDay = '2026-11-02';

/** Tracks: every guarded route, and the tracks scope over people on the day's summary and a route. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'tracks', routes: (r) => r.url.startsWith('/api/v1/tracks') }],
  scopes: [
    {
      module: 'tracks',
      permissions: ['tracks:view', 'check-ins:create'],
      listUrl: `/api/v1/tracks/summary?date=${matrixDay}`,
      itemUrl: (userId) => `/api/v1/tracks?userId=${userId}&date=${matrixDay}`,
      // a person's "record" is their day: they send one point of it themselves
      createOwned: async ({ t }, owner) => {
        const agent = await t.login(owner.username);
        const res = await agent.post('/api/v1/tracks', {
          points: [{ lat: 31.23, lng: 121.47, accuracy: 10, at: `${matrixDay}T10:00:00+08:00` }],
        });
        if (res.statusCode !== 200) throw new Error(res.body);
        return owner.id;
      },
    },
  ],
};
