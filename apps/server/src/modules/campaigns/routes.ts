import {
  campaign,
  campaignAction,
  campaignActionParams,
  campaignListItem,
  campaignListQuery,
  campaignRoi,
  campaignRoiQuery,
  createCampaign,
  createCampaignAction,
  idParams,
  listResponse,
  okResponse,
  updateCampaign,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import * as actions from './actions-service.ts';
import * as service from './service.ts';

const T = 'campaigns';

/** 市场活动 within the campaigns scope (owner and department): CRUD, action log, expense lines, ROI. */
export function campaignRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/campaigns',
      {
        config: { permission: 'campaigns:view' },
        schema: docs(T, 'Campaigns in my scope; filters by channel, status, owner and dates (overlapping)', {
          querystring: campaignListQuery,
          response: { 200: listResponse(campaignListItem) },
        }),
      },
      async (req) => service.listCampaigns(db, callerOf(req).p, req.query),
    );
    app.get(
      '/campaigns/roi',
      {
        config: { permission: 'campaigns:view' },
        schema: docs(
          T,
          'ROI of the campaigns in my scope whose dates overlap [from, to]: cost vs leads and customers, per campaign and channel',
          { querystring: campaignRoiQuery, response: { 200: campaignRoi } },
        ),
      },
      async (req) => service.campaignRoi(db, callerOf(req).p, req.query),
    );
    app.get(
      '/campaigns/:id',
      {
        config: { permission: 'campaigns:view' },
        schema: docs(T, 'One campaign in my scope with participants, expense lines and results', {
          params: idParams,
          response: { 200: campaign },
        }),
      },
      async (req) => service.getCampaign(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/campaigns',
      {
        config: { permission: 'campaigns:create' },
        schema: docs(T, 'Create a campaign (numbered HD…) with participants and expense lines', {
          body: createCampaign,
          response: { 201: campaign },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createCampaign(db, callerOf(req), req.body)),
    );
    app.patch(
      '/campaigns/:id',
      {
        config: { permission: 'campaigns:edit' },
        schema: docs(T, 'Change a campaign in my scope; `expenses` replaces every line', {
          params: idParams,
          body: updateCampaign,
          response: { 200: campaign },
        }),
      },
      async (req) => service.updateCampaign(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/campaigns/:id',
        tag: T,
        summary: 'Delete a campaign in my scope',
        permission: 'campaigns:delete',
      },
      (req, id, version) => service.deleteCampaign(db, callerOf(req), id, version),
    );
    historyRoute(
      app,
      {
        path: '/campaigns/:id/history',
        tag: T,
        summary: 'Field history of a campaign',
        permission: 'campaigns:view',
      },
      (req, id) => service.campaignHistory(db, callerOf(req).p, id),
    );
    app.get(
      '/campaigns/:id/actions',
      {
        config: { permission: 'campaigns:view' },
        schema: docs(T, "A campaign's action log (活动记录), newest first", {
          params: idParams,
          response: { 200: z.object({ data: z.array(campaignAction) }) },
        }),
      },
      async (req) => ({ data: await actions.listActions(db, callerOf(req).p, req.params.id) }),
    );
    app.post(
      '/campaigns/:id/actions',
      {
        config: { permission: 'campaigns:edit' },
        schema: docs(T, "Add an entry to a campaign's action log", {
          params: idParams,
          body: createCampaignAction,
          response: { 201: campaignAction },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await actions.addAction(db, callerOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/campaigns/:id/actions/:actionId',
      {
        config: { permission: 'campaigns:edit' },
        schema: docs(T, 'Remove one of my entries from the action log', {
          params: campaignActionParams,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await actions.deleteAction(db, callerOf(req), req.params.id, req.params.actionId);
        return { ok: true as const };
      },
    );
  };
}
