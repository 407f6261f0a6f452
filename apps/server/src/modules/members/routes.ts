import {
  addMemberParticipation,
  changeMemberPoints,
  createMember,
  idParams,
  listResponse,
  type Member,
  type MemberStatus,
  member,
  memberDetail,
  memberListQuery,
  memberParticipation,
  memberPointEntry,
  memberPointsQuery,
  memberPointsResponse,
  memberSettingsResponse,
  okResponse,
  updateMember,
  updateMemberSettings,
  versionQuery,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from '../quotes/export-service.ts';
import * as points from './points-service.ts';
import * as service from './service.ts';
import { memberSettingsOf, saveMemberSettings } from './settings.ts';

const T = 'members';

// the export's Chinese words for the statuses (the English file keeps the codes)
const statusNames: Record<MemberStatus, string> = { active: '正常', frozen: '冻结', cancelled: '注销' };

/** 会员: members of customers in my customers scope, their points ledger, activities and settings. */
export function memberRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/members',
      {
        config: { permission: 'members:view' },
        schema: docs(
          T,
          'Members whose customer I see; by level, status, customer; q on number or customer name',
          {
            querystring: memberListQuery,
            response: { 200: listResponse(member) },
          },
        ),
      },
      async (req) => service.listMembers(db, callerOf(req), req.query),
    );
    app.post(
      '/members',
      {
        config: { permission: 'members:create' },
        schema: docs(T, 'Make a customer a member (one per customer: 409 MEMBER_EXISTS)', {
          body: createMember,
          response: { 201: member },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createMember(db, callerOf(req), req.body)),
    );
    app.get(
      '/members/export',
      {
        config: { permission: 'members:export' },
        schema: docs(
          T,
          'The list with its filters and search as CSV or XLSX (members whose customer I see)',
          {
            querystring: memberListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format, page: _p, pageSize: _s, sort: _o, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const zh = locale === 'zh-CN';
        const columns: ExportColumn<Member>[] = [
          { zh: '会员编号', en: 'Number', cell: (m) => m.number },
          { zh: '客户', en: 'Customer', cell: (m) => m.customerName },
          { zh: '联系人', en: 'Contact', cell: (m) => m.contactName },
          { zh: '等级', en: 'Level', cell: (m) => m.levelName },
          { zh: '状态', en: 'Status', cell: (m) => (zh ? statusNames[m.status] : m.status) },
          { zh: '入会日期', en: 'Joined', cell: (m) => m.joinedAt },
          { zh: '积分余额', en: 'Points', cell: (m) => m.points },
          { zh: '累计积分', en: 'Lifetime points', cell: (m) => m.lifetimePoints },
          { zh: '累计消费', en: 'Lifetime spend', cell: (m) => Number(m.lifetimeSpend) },
        ];
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'members', zh: '会员', en: 'members', format, locale },
          columns,
          service.memberExportRows(readDb, c, filters),
        );
      },
    );
    app.get(
      '/member-settings',
      {
        config: { permission: 'members:view' },
        schema: docs(T, 'Points per ¥1, expiry months, activity points, level thresholds', {
          response: { 200: memberSettingsResponse },
        }),
      },
      async (req) => memberSettingsOf(db, callerOf(req).p.tenantId),
    );
    app.put(
      '/member-settings',
      {
        config: { permission: 'members:edit' },
        schema: docs(T, 'Save the member settings whole (version 0 the first time)', {
          body: updateMemberSettings,
          response: { 200: memberSettingsResponse },
        }),
      },
      async (req) => saveMemberSettings(db, callerOf(req).actor, req.body),
    );
    app.get(
      '/members/:id',
      {
        config: { permission: 'members:view' },
        schema: docs(T, 'A member with its cards, recent orders, activities and level history', {
          params: idParams,
          response: { 200: memberDetail },
        }),
      },
      async (req) => service.getMemberDetail(db, callerOf(req), req.params.id),
    );
    app.patch(
      '/members/:id',
      {
        config: { permission: 'members:edit' },
        schema: docs(T, 'Change contact, level or status (with version)', {
          params: idParams,
          body: updateMember,
          response: { 200: member },
        }),
      },
      async (req) => service.updateMember(db, callerOf(req), req.params.id, req.body),
    );
    app.delete(
      '/members/:id',
      {
        config: { permission: 'members:delete' },
        schema: docs(T, 'Delete a member (the customer may join again)', {
          params: idParams,
          querystring: versionQuery,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await service.deleteMember(db, callerOf(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );
    app.get(
      '/members/:id/points',
      {
        config: { permission: 'members:view' },
        schema: docs(T, 'A member’s points ledger, newest first', {
          params: idParams,
          querystring: memberPointsQuery,
          response: { 200: listResponse(memberPointEntry) },
        }),
      },
      async (req) => points.memberLedger(db, callerOf(req), req.params.id, req.query),
    );
    app.post(
      '/members/:id/points',
      {
        config: { permission: 'members:points' },
        schema: docs(
          T,
          'Add (delta > 0) or redeem (delta < 0) points; past the balance 409 INSUFFICIENT_POINTS',
          {
            params: idParams,
            body: changeMemberPoints,
            response: { 200: memberPointsResponse },
          },
        ),
      },
      async (req) => points.changePoints(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/members/:id/participations',
      {
        config: { permission: 'members:edit' },
        schema: docs(
          T,
          'Record that the member took part in a campaign or plan (earns the activity points once)',
          {
            params: idParams,
            body: addMemberParticipation,
            response: { 201: memberParticipation },
          },
        ),
      },
      async (req, reply) =>
        reply.status(201).send(await points.addParticipation(db, callerOf(req), req.params.id, req.body)),
    );
  };
}
