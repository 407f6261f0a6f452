import {
  createFollowUp,
  createFollowUpComment,
  followUp,
  followUpComment,
  followUpListQuery,
  idParams,
  listResponse,
  updateFollowUp,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'follow-ups';

/** 跟进记录 within the follow-ups scope (by author); 点评 by who may comment, in the same scope. */
export function followUpRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/follow-ups',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(
          T,
          'Follow-ups in my scope (by author), newest first; filters by customer, author, type, time',
          {
            querystring: followUpListQuery,
            response: { 200: listResponse(followUp) },
          },
        ),
      },
      async (req) => service.listFollowUps(db, callerOf(req), req.query),
    );
    app.get(
      '/follow-ups/:id',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(T, 'One follow-up in my scope', { params: idParams, response: { 200: followUp } }),
      },
      async (req) => service.getFollowUp(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/follow-ups',
      {
        config: { permission: 'follow-ups:create' },
        schema: docs(
          T,
          "Record a follow-up on a customer I see; sets the customer's last/next follow-up and the owner's to-do",
          { body: createFollowUp, response: { 201: followUp } },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createFollowUp(db, callerOf(req), req.body)),
    );
    app.patch(
      '/follow-ups/:id',
      {
        config: { permission: 'follow-ups:edit' },
        schema: docs(T, 'Change one of my follow-ups', {
          params: idParams,
          body: updateFollowUp,
          response: { 200: followUp },
        }),
      },
      async (req) => service.updateFollowUp(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/follow-ups/:id',
        tag: T,
        summary: 'Delete a follow-up in my scope',
        permission: 'follow-ups:delete',
      },
      (req, id, version) => service.deleteFollowUp(db, callerOf(req), id, version),
    );
    app.get(
      '/follow-ups/:id/comments',
      {
        config: { permission: 'follow-ups:view' },
        schema: docs(T, "A follow-up's comments (点评), oldest first", {
          params: idParams,
          response: { 200: z.object({ data: z.array(followUpComment) }) },
        }),
      },
      async (req) => ({ data: await service.listComments(db, callerOf(req).p, req.params.id) }),
    );
    app.post(
      '/follow-ups/:id/comments',
      {
        config: { permission: 'follow-ups:comment' },
        schema: docs(T, 'Comment on a follow-up in my scope (点评); its author is notified', {
          params: idParams,
          body: createFollowUpComment,
          response: { 201: followUpComment },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.addComment(db, callerOf(req), req.params.id, req.body.content)),
    );
  };
}
