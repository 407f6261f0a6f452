import {
  addLeadNote,
  assignLead,
  convertLead,
  convertLeadResponse,
  createLead,
  createLeadForm,
  createLeadRule,
  formTokenParams,
  idParams,
  lead,
  leadActivity,
  leadForm,
  leadLimits,
  leadListQuery,
  leadRule,
  leadSettings,
  listResponse,
  publicFormSubmission,
  publicLeadForm,
  setLeadStatus,
  updateLead,
  updateLeadForm,
  updateLeadRule,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as conversion from './convert-service.ts';
import * as forms from './forms-service.ts';
import * as rules from './rules-service.ts';
import * as service from './service.ts';
import * as workflow from './workflow-service.ts';

const T = 'leads';
const versionBody = z.object({ version: z.number().int() });
const activities = z.object({ data: z.array(leadActivity) });

/** 线索: hand-entered, imported and web-form leads; assignment, the pool (抢单), states, notes, conversion. */
export function leadRoutes({ db }: Deps) {
  return async (app: Api) => {
    // ---- forms, rules and settings first: their paths must not read as a lead's id ----
    app.get(
      '/leads/forms',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Web forms (表单) with their tokens and lead counts', {
          response: { 200: z.object({ data: z.array(leadForm) }) },
        }),
      },
      async (req) => ({ data: await forms.listForms(db, callerOf(req).p) }),
    );
    app.post(
      '/leads/forms',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Create a web form for a campaign / channel (gets a token)', {
          body: createLeadForm,
          response: { 201: leadForm },
        }),
      },
      async (req, reply) => reply.status(201).send(await forms.createForm(db, callerOf(req), req.body)),
    );
    app.patch(
      '/leads/forms/:id',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Change a web form (close it with active: false)', {
          params: idParams,
          body: updateLeadForm,
          response: { 200: leadForm },
        }),
      },
      async (req) => forms.updateForm(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/leads/forms/:id', tag: T, summary: 'Delete a web form', permission: 'leads:admin' },
      (req, id, version) => forms.deleteForm(db, callerOf(req), id, version),
    );
    app.get(
      '/leads/rules',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Assignment rules (分配规则), in the order they are tried', {
          response: { 200: z.object({ data: z.array(leadRule) }) },
        }),
      },
      async (req) => ({ data: await rules.listRules(db, callerOf(req).p) }),
    );
    app.post(
      '/leads/rules',
      {
        config: { permission: 'leads:admin' },
        schema: docs(
          T,
          'Create an assignment rule: region / source / campaign → round-robin in a department',
          {
            body: createLeadRule,
            response: { 201: leadRule },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await rules.createRule(db, callerOf(req), req.body)),
    );
    app.patch(
      '/leads/rules/:id',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Change an assignment rule', {
          params: idParams,
          body: updateLeadRule,
          response: { 200: leadRule },
        }),
      },
      async (req) => rules.updateRule(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/leads/rules/:id', tag: T, summary: 'Delete an assignment rule', permission: 'leads:admin' },
      (req, id, version) => rules.deleteRule(db, callerOf(req), id, version),
    );
    app.get(
      '/leads/settings',
      {
        config: { permission: 'leads:view' },
        schema: docs(T, 'Lead settings: the daily limit of leads one may grab from the pool', {
          response: { 200: leadSettings },
        }),
      },
      async (req) => service.getSettings(db, callerOf(req).p),
    );
    app.put(
      '/leads/settings',
      {
        config: { permission: 'leads:admin' },
        schema: docs(T, 'Change the lead settings', { body: leadSettings, response: { 200: leadSettings } }),
      },
      async (req) => service.updateSettings(db, callerOf(req), req.body),
    );
    app.get(
      '/leads/assignees',
      {
        config: { permission: 'leads:assign' },
        schema: docs(T, 'Whom I may give a lead to: active users in my leads scope, by name (at most 20)', {
          querystring: z.object({ q: z.string().trim().max(50).optional() }),
          response: {
            200: z.object({
              data: z.array(
                z.object({ id: z.string(), name: z.string(), departmentName: z.string().nullable() }),
              ),
            }),
          },
        }),
      },
      async (req) => ({ data: await service.assignees(db, callerOf(req).p, req.query.q) }),
    );

    // ---- leads ----
    app.get(
      '/leads',
      {
        config: { permission: 'leads:view' },
        schema: docs(T, 'Leads in my scope (view=mine: mine; view=pool: nobody’s yet, to grab)', {
          querystring: leadListQuery,
          response: { 200: listResponse(lead) },
        }),
      },
      async (req) => service.listLeads(db, callerOf(req), req.query),
    );
    app.get(
      '/leads/:id',
      {
        config: { permission: 'leads:view' },
        schema: docs(T, 'One lead', { params: idParams, response: { 200: lead } }),
      },
      async (req) => service.getLead(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/leads',
      {
        config: { permission: 'leads:create' },
        schema: docs(
          T,
          'Create a lead (mine, someone’s with leads:assign, or by the rules with distribute)',
          {
            body: createLead,
            response: { 201: lead },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createLead(db, callerOf(req), req.body)),
    );
    app.patch(
      '/leads/:id',
      {
        config: { permission: 'leads:edit' },
        schema: docs(T, 'Change an open lead', {
          params: idParams,
          body: updateLead,
          response: { 200: lead },
        }),
      },
      async (req) => service.updateLead(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/leads/:id', tag: T, summary: 'Delete a lead', permission: 'leads:delete' },
      (req, id, version) => service.deleteLead(db, callerOf(req), id, version),
    );
    app.post(
      '/leads/:id/assign',
      {
        config: { permission: 'leads:assign' },
        schema: docs(T, 'Give an open lead to a user in my scope (分配)', {
          params: idParams,
          body: assignLead,
          response: { 200: lead },
        }),
      },
      async (req) => workflow.assignLead(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/leads/:id/grab',
      {
        config: { permission: 'leads:view' },
        schema: docs(T, 'Take a lead from the pool (抢单), within the daily limit', {
          params: idParams,
          response: { 200: lead },
        }),
      },
      async (req) => workflow.grabLead(db, callerOf(req), req.params.id),
    );
    app.post(
      '/leads/:id/release',
      {
        config: { permission: 'leads:edit' },
        schema: docs(T, 'Put an open lead back into the pool', {
          params: idParams,
          body: versionBody,
          response: { 200: lead },
        }),
      },
      async (req) => workflow.releaseLead(db, callerOf(req), req.params.id, req.body.version),
    );
    app.post(
      '/leads/:id/status',
      {
        config: { permission: 'leads:edit' },
        schema: docs(T, 'Set following / qualified / disqualified (with a reason)', {
          params: idParams,
          body: setLeadStatus,
          response: { 200: lead },
        }),
      },
      async (req) => workflow.setLeadStatus(db, callerOf(req), req.params.id, req.body),
    );
    app.get(
      '/leads/:id/activities',
      {
        config: { permission: 'leads:view' },
        schema: docs(T, 'A lead’s log: notes and what happened to it, newest first', {
          params: idParams,
          response: { 200: activities },
        }),
      },
      async (req) => ({ data: await service.leadActivities(db, callerOf(req).p, req.params.id) }),
    );
    app.post(
      '/leads/:id/notes',
      {
        config: { permission: 'leads:edit' },
        schema: docs(T, 'Add a note (跟进) to a lead; answers the log', {
          params: idParams,
          body: addLeadNote,
          response: { 201: activities },
        }),
      },
      async (req, reply) =>
        reply
          .status(201)
          .send({ data: await workflow.addLeadNote(db, callerOf(req), req.params.id, req.body.content) }),
    );
    app.post(
      '/leads/:id/convert',
      {
        config: { permission: 'leads:convert' },
        schema: docs(
          T,
          'Convert into customer + contact in one transaction (409 DUPLICATE_CUSTOMER with matches)',
          {
            params: idParams,
            body: convertLead,
            response: { 200: convertLeadResponse },
          },
        ),
      },
      async (req) => conversion.convertLead(db, callerOf(req), req.params.id, req.body),
    );

    // ---- public web forms (no login) ----
    app.get(
      '/public/forms/:token',
      {
        config: { public: true },
        schema: docs(T, 'The public form’s title, intro and fields (404 when unknown or closed)', {
          params: formTokenParams,
          response: { 200: publicLeadForm },
        }),
      },
      async (req) => forms.publicForm(db, req.params.token),
    );
    app.post(
      '/public/forms/:token',
      {
        config: { public: true },
        // a submission is a few short fields: anything bigger is refused before it is parsed (413)
        bodyLimit: leadLimits.publicBodyBytes,
        schema: docs(
          T,
          'Submit a public form: 202 with no body whatever happened (429 RATE_LIMITED past the limits)',
          {
            params: formTokenParams,
            body: publicFormSubmission,
            response: { 202: z.undefined().describe('no body') },
          },
        ),
      },
      async (req, reply) => {
        const limited = await forms.submitPublicForm(db, req.params.token, req.ip, req.body);
        if (limited) {
          reply.header('retry-after', String(limited.retryAfter));
          throw new AppError('RATE_LIMITED', { limit: 'publicForm' });
        }
        return reply.status(202).send(undefined);
      },
    );
  };
}
