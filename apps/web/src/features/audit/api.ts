import type { AuditLog, ListResponse } from '@guanxi/contract';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export function fetchAuditLogs(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<AuditLog>>('/audit-logs', params, signal);
}
