import {
  announcement,
  announcementAudience,
  announcementAudienceQuery,
  announcementDone,
  announcementListQuery,
  announcementReceipts,
  announcementRemindResponse,
  announcementUnread,
  createAnnouncement,
  idParams,
  listResponse,
  updateAnnouncement,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as receipts from './receipts-service.ts';
import * as service from './service.ts';

const T = 'announcements';

/** 通知 / 指令: sent within the sender's scope, read and done by their audience, receipts for the sender. */
export function announcementRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/announcements',
      {
        config: { permission: 'announcements:view' },
        schema: docs(
          T,
          'box=inbox: mine, current, pinned first; box=expired: mine, expired; box=sent: sent by me or by people in my announcements scope',
          { querystring: announcementListQuery, response: { 200: listResponse(announcement) } },
        ),
      },
      async (req) => service.listAnnouncements(db, callerOf(req).p, req.query),
    );
    app.get(
      '/announcements/unread-count',
      {
        config: { permission: 'announcements:view' },
        schema: docs(T, 'My unread announcements and instructions not yet done (current ones)', {
          response: { 200: announcementUnread },
        }),
      },
      async (req) => service.unreadCount(db, callerOf(req).p),
    );
    app.get(
      '/announcements/audience',
      {
        config: { permission: 'announcements:send' },
        schema: docs(T, 'Users (by name, at most 50) and departments I may address', {
          querystring: announcementAudienceQuery,
          response: { 200: announcementAudience },
        }),
      },
      async (req) => service.audience(db, callerOf(req).p, req.query.q),
    );
    app.get(
      '/announcements/:id',
      {
        config: { permission: 'announcements:view' },
        schema: docs(T, 'One announcement addressed to me, sent by me or in my scope', {
          params: idParams,
          response: { 200: announcement },
        }),
      },
      async (req) => service.getAnnouncement(db, callerOf(req).p, req.params.id),
    );
    app.get(
      '/announcements/:id/receipts',
      {
        config: { permission: 'announcements:view' },
        schema: docs(
          T,
          'Who has read and done it, and the counts per department (the sender and whose scope covers them)',
          {
            params: idParams,
            response: { 200: announcementReceipts },
          },
        ),
      },
      async (req) => service.receipts(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/announcements',
      {
        config: { permission: 'announcements:send' },
        schema: docs(
          T,
          'Send a notice or an instruction to users and departments (with sub-departments) in my scope',
          {
            body: createAnnouncement,
            response: { 201: announcement },
          },
        ),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createAnnouncement(db, callerOf(req), req.body)),
    );
    app.patch(
      '/announcements/:id',
      {
        config: { permission: 'announcements:send' },
        schema: docs(T, 'Pin, unpin or change the expiry (the sender or whose scope covers them)', {
          params: idParams,
          body: updateAnnouncement,
          response: { 200: announcement },
        }),
      },
      async (req) => service.updateAnnouncement(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/announcements/:id/read',
      {
        config: { permission: 'announcements:view' },
        schema: docs(T, 'Record my read receipt (the first opening counts)', {
          params: idParams,
          response: { 200: announcement },
        }),
      },
      async (req) => receipts.markRead(db, callerOf(req), req.params.id),
    );
    app.post(
      '/announcements/:id/done',
      {
        config: { permission: 'announcements:view' },
        schema: docs(T, 'Complete an instruction addressed to me, with a note', {
          params: idParams,
          body: announcementDone,
          response: { 200: announcement },
        }),
      },
      async (req) => receipts.markDone(db, callerOf(req), req.params.id, req.body.note),
    );
    app.post(
      '/announcements/:id/remind',
      {
        config: { permission: 'announcements:send' },
        schema: docs(T, 'Remind whoever has not read the notice / done the instruction (once an hour)', {
          params: idParams,
          response: { 200: announcementRemindResponse },
        }),
      },
      async (req) => receipts.remind(db, callerOf(req), req.params.id),
    );
    deleteRoute(
      app,
      {
        path: '/announcements/:id',
        tag: T,
        summary: 'Withdraw an announcement (撤回)',
        permission: 'announcements:send',
      },
      (req, id, version) => service.deleteAnnouncement(db, callerOf(req), id, version),
    );
  };
}
