import {
  completeEvent,
  completeEventResponse,
  createEvent,
  event,
  eventListQuery,
  eventOccurrence,
  eventPeopleQuery,
  eventPerson,
  idParams,
  updateEvent,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'events';

/** 日程: the caller's events (owned or joined); only the owner changes, completes or deletes one. */
export function eventRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/events',
      {
        config: { permission: 'events:view' },
        schema: docs(
          T,
          'Every occurrence of my events (owned or joined) in a window of at most 92 days; userId: a colleague in my users scope; customerId: only those with that customer',
          {
            querystring: eventListQuery,
            response: { 200: z.object({ data: z.array(eventOccurrence) }) },
          },
        ),
      },
      async (req) => ({ data: await service.listOccurrences(db, callerOf(req), req.query) }),
    );
    app.get(
      '/events/people',
      {
        config: { permission: 'events:create' },
        schema: docs(T, 'Colleagues who can take part in an event (active users, by name; at most 20)', {
          querystring: eventPeopleQuery,
          response: { 200: z.object({ data: z.array(eventPerson) }) },
        }),
      },
      async (req) => ({ data: await service.searchPeople(db, callerOf(req).p, req.query.q) }),
    );
    app.get(
      '/events/:id',
      {
        config: { permission: 'events:view' },
        schema: docs(T, 'One event I own or take part in', { params: idParams, response: { 200: event } }),
      },
      async (req) => service.getEvent(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/events',
      {
        config: { permission: 'events:create' },
        schema: docs(T, 'Create an event (meeting, visit or call plan, to-do), one-off or repeating', {
          body: createEvent,
          response: { 201: event },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createEvent(db, callerOf(req), req.body)),
    );
    app.patch(
      '/events/:id',
      {
        config: { permission: 'events:edit' },
        schema: docs(T, 'Change one of my events', {
          params: idParams,
          body: updateEvent,
          response: { 200: event },
        }),
      },
      async (req) => service.updateEvent(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/events/:id/complete',
      {
        config: { permission: 'events:edit' },
        schema: docs(
          T,
          'Complete one of my events (a repeating one: the occurrence at occurrenceStart); a call or visit plan answers a follow-up draft',
          { params: idParams, body: completeEvent, response: { 200: completeEventResponse } },
        ),
      },
      async (req) => service.completeEvent(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/events/:id', tag: T, summary: 'Delete one of my events', permission: 'events:delete' },
      (req, id, version) => service.deleteEvent(db, callerOf(req), id, version),
    );
  };
}
