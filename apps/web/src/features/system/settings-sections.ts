import type { Permission } from '@guanxi/contract';

type SectionKey =
  | 'tenant'
  | 'security'
  | 'numbering'
  | 'homeTemplates'
  | 'notifications'
  | 'mailing'
  | 'pools'
  | 'churn'
  | 'checkIn'
  | 'members'
  | 'printTemplates'
  | 'sla'
  | 'tickets'
  | 'approvalFlows'
  | 'webhooks'
  | 'backups';

/** One section of 系统设置: where its page is and who may open it (any of the permissions). */
export type SettingsSection = { key: SectionKey; path: string; permission?: readonly Permission[] };

/**
 * Every setting the spec names (SPEC §12), in the hub's order; each page exists on its own and
 * keeps its own permission. Without a permission: every user's own (e-mail reminders on 我的资料).
 */
export const settingsSections: readonly SettingsSection[] = [
  { key: 'tenant', path: '/settings', permission: ['system:admin'] },
  { key: 'security', path: '/settings/security', permission: ['settings:security'] },
  { key: 'numbering', path: '/settings/numbering', permission: ['settings:numbering'] },
  { key: 'homeTemplates', path: '/roles', permission: ['roles:edit'] },
  { key: 'notifications', path: '/profile' },
  { key: 'mailing', path: '/settings/mailing', permission: ['mailings:admin'] },
  { key: 'pools', path: '/pools', permission: ['pools:admin'] },
  { key: 'churn', path: '/churn', permission: ['churn:admin'] },
  { key: 'checkIn', path: '/settings/check-in', permission: ['settings:check-in'] },
  // 会员设置: its editors (viewers open the page read-only, but it is no reason to show the hub)
  { key: 'members', path: '/settings/members', permission: ['members:edit'] },
  { key: 'printTemplates', path: '/settings/print-templates', permission: ['print-templates:admin'] },
  { key: 'sla', path: '/settings/sla', permission: ['tickets:admin'] },
  { key: 'tickets', path: '/settings/tickets', permission: ['tickets:admin'] },
  { key: 'approvalFlows', path: '/settings/approval-flows', permission: ['approvals:admin'] },
  { key: 'webhooks', path: '/settings/webhooks', permission: ['webhooks:manage'] },
  { key: 'backups', path: '/settings/backups', permission: ['system:backup'] },
];

/** Who sees 系统设置 in the menu: a holder of any section's permission (the own ones do not count). */
export const settingsHubPermission: readonly Permission[] = [
  ...new Set(settingsSections.flatMap((s) => s.permission ?? [])),
];
