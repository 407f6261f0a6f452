import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/**
 * 审批: no data scope. The flows need `approvals:admin`; an approval is read by its submitter,
 * whoever is asked on it, or whoever sees its document (approvals.test.ts).
 */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'approvals', routes: (r) => r.url.startsWith('/api/v1/approval-flows') }],
  scopes: [],
};
