import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 群发: every guarded route, and the mailings scope (creator and department) on the list and look-up. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'mailings',
      routes: (r) => r.url.startsWith('/api/v1/mailings') || r.url === '/api/v1/settings/mailing',
    },
  ],
  scopes: [
    {
      module: 'mailings',
      permissions: ['mailings:view', 'mailings:create'],
      listUrl: '/api/v1/mailings',
      itemUrl: (id) => `/api/v1/mailings/${id}`,
      createOwned: async ({ t }, owner) => {
        const creator = await t.login(owner.username);
        const res = await creator.post('/api/v1/mailings', {
          name: `群发 ${owner.username}`,
          channel: 'email',
          subject: '你好',
          body: '您好 {{name}}',
          recipients: [{ address: `${owner.username}@example.com` }],
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
