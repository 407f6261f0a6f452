import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/**
 * 通知 / 指令: every guarded route; the announcements scope on what was sent (by the sender and
 * their department when sent) — each cast member sends a notice to themselves, so only the scope
 * (never the audience) can show it to the viewer.
 */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'announcements', routes: (r) => r.url.startsWith('/api/v1/announcements') }],
  scopes: [
    {
      module: 'announcements',
      permissions: ['announcements:view', 'announcements:send'],
      listUrl: '/api/v1/announcements?box=sent',
      itemUrl: (id) => `/api/v1/announcements/${id}`,
      createOwned: async ({ t }, owner) => {
        const agent = await t.login(owner.username);
        const res = await agent.post('/api/v1/announcements', {
          kind: 'notice',
          title: `${owner.username} 的通知`,
          content: '<p>备忘</p>',
          userIds: [owner.id],
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return res.json().id;
      },
    },
  ],
};
