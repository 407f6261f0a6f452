import type { QueryValue } from '../../lib/api.ts';

/** The list's views: 我的客户 / 全部 (in scope) / 草稿 / 公海. */
export const customerViews = ['mine', 'all', 'draft', 'pool'] as const;
export type CustomerView = (typeof customerViews)[number];

export function parseView(value: string | null): CustomerView {
  return customerViews.includes(value as CustomerView) ? (value as CustomerView) : 'mine';
}

/** The parameters a view fixes on `GET /customers`. */
export function viewParams(view: CustomerView, meId: string): Record<string, QueryValue> {
  switch (view) {
    case 'mine':
      return { state: 'active', ownerId: meId };
    case 'all':
      return { state: 'active' };
    case 'draft':
      return { state: 'draft' };
    case 'pool':
      return { state: 'pool' };
  }
}

/** Filter parameters the customer list keeps in the address (with page, sort and `q`). */
export const customerFilterKeys = [
  'levelId',
  'sourceId',
  'industryId',
  'statusId',
  'intentionId',
  'regionId',
  'type',
  'ownerId',
  'tag',
  'createdIn',
] as const;
