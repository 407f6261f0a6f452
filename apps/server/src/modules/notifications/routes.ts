import { idParams, listResponse, notification, notificationListQuery, unreadCount } from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'notifications';
const countResponse = z.object({ count: z.number().int() });

/** The caller's own notifications: no permission needed beyond being signed in. */
export function notificationRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/notifications',
      {
        schema: docs(T, 'My notifications, newest first', {
          querystring: notificationListQuery,
          response: { 200: listResponse(notification) },
        }),
      },
      async (req) => {
        const p = principalOf(req);
        return service.listNotifications(db, p.tenantId, p.userId, req.query);
      },
    );
    app.get(
      '/notifications/unread-count',
      {
        schema: docs(T, 'How many of my notifications are unread (the bell)', {
          response: { 200: unreadCount },
        }),
      },
      async (req) => {
        const p = principalOf(req);
        return { count: await service.unreadCount(db, p.tenantId, p.userId) };
      },
    );
    app.post(
      '/notifications/:id/read',
      {
        schema: docs(T, 'Mark one notification read', { params: idParams, response: { 200: countResponse } }),
      },
      async (req) => {
        const p = principalOf(req);
        return { count: await service.markRead(db, p.tenantId, p.userId, req.params.id) };
      },
    );
    app.post(
      '/notifications/read-all',
      { schema: docs(T, 'Mark all my notifications read', { response: { 200: countResponse } }) },
      async (req) => {
        const p = principalOf(req);
        return { count: await service.markRead(db, p.tenantId, p.userId) };
      },
    );
  };
}
