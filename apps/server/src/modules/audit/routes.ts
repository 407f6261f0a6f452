import { auditListQuery, auditLog, listResponse } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import { auditLogs } from '../../db/schema/platform.ts';
import { auditWhere } from '../../platform/audit.ts';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { listPage, notNull, orderBy } from '../../platform/pagination.ts';

const sortable = {
  createdAt: notNull(sql`${auditLogs.createdAt}`),
  action: sql`${auditLogs.action}`,
  entity: sql`${auditLogs.entity}`,
};

export function auditRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/audit-logs',
      {
        config: { permission: 'audit:view' },
        schema: docs('audit', 'The audit log, newest first; filter by entity, id, user, action, time', {
          querystring: auditListQuery,
          response: { 200: listResponse(auditLog) },
        }),
      },
      async (req) => {
        const { page, pageSize, sort, cursor, ...filter } = req.query;
        const p = principalOf(req);
        return listPage(
          db,
          { page, pageSize, cursor },
          {
            columns: sql`*`,
            from: sql`FROM ${auditLogs} WHERE ${auditWhere(p.tenantId, filter)}`,
            orderBy: orderBy(sort, sortable, '-createdAt', sql`${auditLogs.id}`),
          },
          (r) => ({
            id: String(r.id),
            userId: (r.user_id as string | null) ?? null,
            userName: (r.user_name as string | null) ?? null,
            ip: (r.ip as string | null) ?? null,
            action: r.action as string,
            entity: r.entity as string,
            entityId: (r.entity_id as string | null) ?? null,
            summary: (r.summary as string | null) ?? null,
            changes: (r.changes as Record<string, [unknown, unknown]>) ?? {},
            createdAt: new Date(r.created_at as string).toISOString(),
          }),
        );
      },
    );
  };
}
