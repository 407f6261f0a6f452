import {
  assignTicket,
  createTicket,
  createTicketRule,
  idParams,
  listResponse,
  mergeTicket,
  publicTicket,
  publicTicketCreated,
  publicTicketForm,
  publicTicketSubmission,
  resolveTicket,
  type TicketChannel,
  type TicketListItem,
  type TicketPriority,
  type TicketStatus,
  type TicketSubmitter,
  ticket,
  ticketActivity,
  ticketFeedback,
  ticketFormSettings,
  ticketFormTokenParams,
  ticketLimits,
  ticketListItem,
  ticketListQuery,
  ticketNote,
  ticketRule,
  ticketSettings,
  ticketTokenParams,
  ticketVersionBody,
  transferTicket,
  updateTicket,
  updateTicketFormSettings,
  updateTicketRule,
  waitTicket,
} from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from '../quotes/export-service.ts';
import * as publicForm from './public-form-service.ts';
import * as publicLink from './public-service.ts';
import * as rules from './rules-service.ts';
import * as service from './service.ts';
import * as workflow from './workflow-service.ts';

const T = 'tickets';

// the export's Chinese words for the codes (the English file keeps the codes)
const statusNames: Record<TicketStatus, string> = {
  new: '新建',
  assigned: '已分派',
  'in-progress': '处理中',
  waiting: '等待客户',
  resolved: '已解决',
  feedback: '已回访',
  archived: '已归档',
  merged: '已合并',
};
const priorityNames: Record<TicketPriority, string> = {
  low: '低',
  normal: '普通',
  high: '高',
  urgent: '紧急',
};
const channelNames: Record<TicketChannel, string> = {
  phone: '电话',
  web: '网页',
  visit: '上门',
  email: '邮件',
};
const submitterText = (s: TicketSubmitter | null) =>
  s ? [s.name, s.company, s.mobile, s.email].filter(Boolean).join(' ') : null;

/** 服务工单: the desk's tickets from creation to archive; rules; settings; the customer's signed link. */
export function ticketRoutes({ db, readDb, config }: Deps) {
  const linksOf = (req: FastifyRequest): service.Links => ({
    key: config.serverKey,
    origin: `${req.protocol}://${req.host}`,
  });
  return async (app: Api) => {
    app.get(
      '/tickets',
      {
        config: { permission: 'tickets:view' },
        schema: docs(
          T,
          'Tickets in my scope (handler / department / created by me, plus the queue within reach); view=queue: unassigned to grab, view=mine: handled by me',
          { querystring: ticketListQuery, response: { 200: listResponse(ticketListItem) } },
        ),
      },
      async (req) => service.listTickets(db, callerOf(req), req.query),
    );
    app.get(
      '/customers/:id/tickets',
      {
        config: { permission: 'tickets:view' },
        schema: docs(
          T,
          'A customer’s tickets (the customer visible to me, each ticket in my tickets scope)',
          {
            params: idParams,
            querystring: ticketListQuery.omit({ customerId: true }),
            response: { 200: listResponse(ticketListItem) },
          },
        ),
      },
      async (req) => service.customerTickets(db, callerOf(req), req.params.id, { ...req.query }),
    );
    app.get(
      '/tickets/export',
      {
        config: { permission: 'tickets:export' },
        schema: docs(T, 'The list with its filters as CSV or XLSX (my tickets scope)', {
          querystring: ticketListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const zh = locale === 'zh-CN';
        const when = (at: string | null) => at?.replace('T', ' ').slice(0, 16) ?? null;
        const met = (v: boolean | null) =>
          v === null ? null : zh ? (v ? '达成' : '超时') : v ? 'met' : 'breached';
        const columns: ExportColumn<TicketListItem>[] = [
          { zh: '编号', en: 'Number', cell: (k) => k.number },
          { zh: '标题', en: 'Title', cell: (k) => k.title },
          { zh: '类型', en: 'Type', cell: (k) => k.typeName },
          { zh: '客户', en: 'Customer', cell: (k) => k.customerName },
          { zh: '联系人', en: 'Contact', cell: (k) => k.contactName },
          { zh: '提交人', en: 'Submitted by', cell: (k) => submitterText(k.submitter) },
          { zh: '优先级', en: 'Priority', cell: (k) => (zh ? priorityNames[k.priority] : k.priority) },
          { zh: '渠道', en: 'Channel', cell: (k) => (k.channel && zh ? channelNames[k.channel] : k.channel) },
          { zh: '状态', en: 'Status', cell: (k) => (zh ? statusNames[k.status] : k.status) },
          { zh: '处理人', en: 'Handler', cell: (k) => k.handlerName },
          { zh: '部门', en: 'Department', cell: (k) => k.departmentName },
          { zh: '创建时间', en: 'Created (UTC)', cell: (k) => when(k.createdAt) },
          { zh: '响应截止', en: 'Response due (UTC)', cell: (k) => when(k.sla.responseDueAt) },
          { zh: '响应', en: 'Response', cell: (k) => met(k.sla.responseMet) },
          { zh: '解决截止', en: 'Resolution due (UTC)', cell: (k) => when(k.sla.resolutionDueAt) },
          { zh: '解决', en: 'Resolution', cell: (k) => met(k.sla.resolutionMet) },
          { zh: '满意度', en: 'Satisfaction', cell: (k) => k.satisfaction },
        ];
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'tickets', zh: '服务工单', en: 'tickets', format, locale },
          columns,
          service.ticketExportRows(readDb, c, filters),
        );
      },
    );
    app.get(
      '/tickets/:id',
      {
        config: { permission: 'tickets:view' },
        schema: docs(T, 'One ticket in my scope, with its validity, SLA, solutions and the customer’s link', {
          params: idParams,
          response: { 200: ticket },
        }),
      },
      async (req) => service.getTicket(db, callerOf(req).p, linksOf(req), req.params.id),
    );
    app.get(
      '/tickets/:id/activities',
      {
        config: { permission: 'tickets:view' },
        schema: docs(
          T,
          'A ticket’s notes and what happened to it (assigned, transferred, status …), newest first',
          {
            params: idParams,
            response: { 200: z.object({ data: z.array(ticketActivity) }) },
          },
        ),
      },
      async (req) => ({ data: await service.ticketActivities(db, callerOf(req).p, req.params.id) }),
    );
    historyRoute(
      app,
      {
        path: '/tickets/:id/history',
        tag: T,
        summary: 'A ticket’s field history',
        permission: 'tickets:view',
      },
      (req, id) => service.ticketHistory(db, callerOf(req).p, id),
    );
    app.post(
      '/tickets',
      {
        config: { permission: 'tickets:create' },
        schema: docs(
          T,
          'Open a ticket: numbered, checked for warranty and contract, due instants from the SLA; a matching rule assigns it',
          { body: createTicket, response: { 201: ticket } },
        ),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createTicket(db, callerOf(req), linksOf(req), req.body)),
    );
    app.patch(
      '/tickets/:id',
      {
        config: { permission: 'tickets:edit' },
        schema: docs(
          T,
          'Change a ticket (validity and due instants follow); archived → 409 TICKET_ARCHIVED',
          {
            params: idParams,
            body: updateTicket,
            response: { 200: ticket },
          },
        ),
      },
      async (req) => service.updateTicket(db, callerOf(req), linksOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/tickets/:id',
        tag: T,
        summary: 'Delete a ticket (not an archived one)',
        permission: 'tickets:delete',
      },
      (req, id, version) => service.deleteTicket(db, callerOf(req), id, version),
    );

    // ---- the workflow: each move answers the ticket; a move its status forbids → 409 INVALID_TRANSITION ----
    const move = <B extends z.ZodType>(
      path: string,
      permission: 'tickets:edit' | 'tickets:assign' | 'tickets:archive',
      summary: string,
      body: B,
      run: (req: FastifyRequest, id: string, body: z.infer<B>) => Promise<unknown>,
    ) =>
      app.post(
        `/tickets/:id/${path}`,
        {
          config: { permission },
          schema: docs(T, summary, { params: idParams, body, response: { 200: ticket } }),
        },
        async (req) => run(req, (req.params as { id: string }).id, req.body as z.infer<B>) as never,
      );
    move(
      'assign',
      'tickets:assign',
      '分派: to an active user in my scope (a handled ticket is transferred)',
      assignTicket,
      (req, id, b) => workflow.assignTicket(db, callerOf(req), linksOf(req), id, b),
    );
    move(
      'grab',
      'tickets:edit',
      '抢单: take an unassigned ticket of the queue within my reach',
      ticketVersionBody,
      (req, id, b) => workflow.grabTicket(db, callerOf(req), linksOf(req), id, b.version),
    );
    move(
      'transfer',
      'tickets:edit',
      '转派: the handler hands the ticket to a colleague',
      transferTicket,
      (req, id, b) => workflow.transferTicket(db, callerOf(req), linksOf(req), id, b),
    );
    move(
      'start',
      'tickets:edit',
      '开始处理 (the response, if none came before)',
      ticketVersionBody,
      (req, id, b) => workflow.startTicket(db, callerOf(req), linksOf(req), id, b.version),
    );
    move('wait', 'tickets:edit', '等待客户: the SLA clocks pause', waitTicket, (req, id, b) =>
      workflow.waitTicket(db, callerOf(req), linksOf(req), id, b),
    );
    move(
      'resume',
      'tickets:edit',
      '继续处理: the due instants move by the business time waited',
      ticketVersionBody,
      (req, id, b) => workflow.resumeTicket(db, callerOf(req), linksOf(req), id, b.version),
    );
    move(
      'resolve',
      'tickets:edit',
      '解决: the resolution and the knowledge-base articles it was solved with',
      resolveTicket,
      (req, id, b) => workflow.resolveTicket(db, callerOf(req), linksOf(req), id, b),
    );
    move(
      'feedback',
      'tickets:edit',
      '回访: the customer’s satisfaction (1–5) recorded by the agent',
      ticketFeedback,
      (req, id, b) => workflow.feedbackTicket(db, callerOf(req), linksOf(req), id, b),
    );
    move('archive', 'tickets:archive', '归档: read-only afterwards', ticketVersionBody, (req, id, b) =>
      workflow.archiveTicket(db, callerOf(req), linksOf(req), id, b.version),
    );
    move(
      'reopen',
      'tickets:edit',
      '重开: within the set days of the resolution (409 TICKET_REOPEN_EXPIRED after)',
      ticketVersionBody,
      (req, id, b) => workflow.reopenTicket(db, callerOf(req), linksOf(req), id, b.version),
    );
    move(
      'merge',
      'tickets:edit',
      '合并: this duplicate closes into the kept ticket of the same customer; its notes move',
      mergeTicket,
      (req, id, b) => workflow.mergeTicket(db, callerOf(req), linksOf(req), id, b),
    );
    app.post(
      '/tickets/:id/notes',
      {
        config: { permission: 'tickets:edit' },
        schema: docs(T, '处理记录: an internal note or one the customer sees on their link', {
          params: idParams,
          body: ticketNote,
          response: { 201: ticketActivity },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await workflow.addNote(db, callerOf(req), req.params.id, req.body)),
    );

    // ---- assignment rules and settings ----
    app.get(
      '/ticket-rules',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'Assignment rules in the order they are tried', {
          response: { 200: z.object({ data: z.array(ticketRule) }) },
        }),
      },
      async (req) => ({ data: await rules.listRules(db, callerOf(req).p) }),
    );
    app.post(
      '/ticket-rules',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'Add an assignment rule (type and/or region → a department, round-robin)', {
          body: createTicketRule,
          response: { 201: ticketRule },
        }),
      },
      async (req, reply) => reply.status(201).send(await rules.createRule(db, callerOf(req), req.body)),
    );
    app.patch(
      '/ticket-rules/:id',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'Change an assignment rule', {
          params: idParams,
          body: updateTicketRule,
          response: { 200: ticketRule },
        }),
      },
      async (req) => rules.updateRule(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/ticket-rules/:id',
        tag: T,
        summary: 'Delete an assignment rule',
        permission: 'tickets:admin',
      },
      (req, id, version) => rules.deleteRule(db, callerOf(req), id, version),
    );
    app.get(
      '/settings/tickets',
      {
        config: { permission: 'tickets:view' },
        schema: docs(T, 'Ticket settings (days a resolved ticket may be reopened)', {
          response: { 200: ticketSettings },
        }),
      },
      async (req) => service.getSettings(db, callerOf(req).p, config.serverKey),
    );
    app.put(
      '/settings/tickets',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'Change the ticket settings', {
          body: ticketSettings,
          response: { 200: ticketSettings },
        }),
      },
      async (req) => service.updateSettings(db, callerOf(req), config.serverKey, req.body),
    );

    // ---- the public ticket form (在线报修表单) ----
    app.get(
      '/settings/ticket-form',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'The public ticket form: on/off, its token, texts, types, limit, priority', {
          response: { 200: ticketFormSettings },
        }),
      },
      async (req) => publicForm.getFormSettings(db, callerOf(req).p, config.serverKey),
    );
    app.put(
      '/settings/ticket-form',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'Change the public ticket form (enabling it the first time gives it a token)', {
          body: updateTicketFormSettings,
          response: { 200: ticketFormSettings },
        }),
      },
      async (req) => publicForm.updateFormSettings(db, callerOf(req), config.serverKey, req.body),
    );
    app.post(
      '/settings/ticket-form/token',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(T, 'A new address for the public ticket form: the old one is 404 from now on', {
          body: ticketVersionBody,
          response: { 200: ticketFormSettings },
        }),
      },
      async (req) => publicForm.regenerateFormToken(db, callerOf(req), config.serverKey, req.body.version),
    );
    app.get(
      '/public/ticket-form/:token',
      {
        // tokens are guessed at no faster than this per address (a page load is one request)
        config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute', hook: 'preHandler' } },
        schema: docs(T, 'The public ticket form: tenant, title, intro, types (404 when unknown or off)', {
          params: ticketFormTokenParams,
          response: { 200: publicTicketForm },
        }),
      },
      async (req) => publicForm.publicForm(db, req.params.token),
    );
    app.post(
      '/public/ticket-form/:token',
      {
        config: { public: true },
        // a few short fields and a request: anything bigger is refused before it is parsed (413)
        bodyLimit: ticketLimits.publicBodyBytes,
        schema: docs(
          T,
          'Submit a ticket through the public form: its number and signed status link (429 RATE_LIMITED past the limits)',
          {
            params: ticketFormTokenParams,
            body: publicTicketSubmission,
            response: { 201: publicTicketCreated },
          },
        ),
      },
      async (req, reply) => {
        const result = await publicForm.submitPublicForm(
          db,
          linksOf(req),
          req.params.token,
          req.ip,
          req.body,
        );
        if ('retryAfter' in result) {
          reply.header('retry-after', String(result.retryAfter));
          throw new AppError('RATE_LIMITED', { limit: 'ticketForm' });
        }
        return reply.status(201).send(result);
      },
    );

    // ---- the customer's signed link (no login) ----
    app.get(
      '/public/tickets/:token',
      {
        // a link is guessed at no faster than this per address (counted after validation: junk is a 400)
        config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute', hook: 'preHandler' } },
        schema: docs(
          T,
          'A ticket by its signed link: status, resolution, customer-visible notes (404 when not valid)',
          {
            params: ticketTokenParams,
            response: { 200: publicTicket },
          },
        ),
      },
      async (req) => publicLink.publicTicket(db, config.serverKey, req.params.token),
    );
    app.post(
      '/public/tickets/:token/feedback',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' } },
        schema: docs(T, 'The customer rates a resolved ticket (1–5) through its signed link, once', {
          params: ticketTokenParams,
          body: ticketFeedback,
          response: { 200: publicTicket },
        }),
      },
      async (req) => publicLink.publicFeedback(db, config.serverKey, req.params.token, req.body, req.ip),
    );
  };
}
