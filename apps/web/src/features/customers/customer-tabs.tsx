import './texts.ts';
import type { Customer, Permission } from '@guanxi/contract';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { CustomerContactsTab } from '../contacts/customer-contacts-tab.tsx';
import { CustomerContractsTab } from '../contracts/customer-contracts-tab.tsx';
import { CustomerFollowUpsTab } from '../follow-ups/customer-follow-ups-tab.tsx';
import { CustomerScheduleTab } from '../follow-ups/customer-schedule-tab.tsx';
import { CustomerVisitsTab } from '../follow-ups/customer-visits-tab.tsx';
import { CustomerMemberTab } from '../members/customer-member-tab.tsx';
import { CustomerOpportunitiesTab } from '../opportunities/customer-opportunities-tab.tsx';
import { CustomerOrdersTab } from '../orders/customer-orders-tab.tsx';
import { CustomerTicketsTab } from '../tickets/customer-tickets-tab.tsx';
import { CustomerDetails } from './customer-details.tsx';
import { CustomerFilesTab } from './tabs/files-tab.tsx';
import { CustomerHistoryTab } from './tabs/history-tab.tsx';
import { CustomerSharesTab } from './tabs/shares-tab.tsx';
import { CustomerTimelineTab } from './tabs/timeline-tab.tsx';

/** One tab of the customer 360 page. */
export type CustomerTab = {
  key: string;
  /** The tab's title in the current language (`t` of any namespace: pass `{ ns }`). */
  label: (t: TFunction) => string;
  /** Shown only to users holding it. */
  permission?: Permission;
  /** Shown only for some customers (e.g. not for drafts). */
  visible?: (customer: Customer) => boolean;
  render: (customer: Customer) => ReactNode;
};

/**
 * The tabs of the 360 page, in order. A later module (follow-ups, opportunities, tickets …) adds
 * its tab with one entry here.
 */
export const customerTabs: CustomerTab[] = [
  {
    key: 'contacts',
    label: (t) => t('tabs.contacts', { ns: 'customers' }),
    permission: 'contacts:view',
    render: (c) => <CustomerContactsTab customer={c} />,
  },
  {
    key: 'details',
    label: (t) => t('tabs.details', { ns: 'customers' }),
    render: (c) => <CustomerDetails customer={c} />,
  },
  {
    key: 'follow-ups',
    label: (t) => t('tabs.followUps', { ns: 'followUps' }),
    permission: 'follow-ups:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerFollowUpsTab customer={c} />,
  },
  {
    key: 'visits',
    label: (t) => t('tabs.visits', { ns: 'followUps' }),
    permission: 'check-ins:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerVisitsTab customer={c} />,
  },
  {
    key: 'schedule',
    label: (t) => t('tabs.schedule', { ns: 'followUps' }),
    permission: 'events:view',
    render: (c) => <CustomerScheduleTab customer={c} />,
  },
  {
    key: 'opportunities',
    label: (t) => t('tab', { ns: 'opportunities' }),
    permission: 'opportunities:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerOpportunitiesTab customer={c} />,
  },
  {
    key: 'orders',
    label: (t) => t('customerTab.orders', { ns: 'orders' }),
    permission: 'orders:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerOrdersTab customer={c} />,
  },
  {
    key: 'contracts',
    label: (t) => t('tab', { ns: 'contracts' }),
    permission: 'contracts:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerContractsTab customer={c} />,
  },
  {
    key: 'tickets',
    label: (t) => t('tab', { ns: 'tickets' }),
    permission: 'tickets:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerTicketsTab customer={c} />,
  },
  {
    key: 'member',
    label: (t) => t('member', { ns: 'members' }),
    permission: 'members:view',
    visible: (c) => c.state !== 'draft',
    render: (c) => <CustomerMemberTab customer={c} />,
  },
  {
    key: 'shares',
    label: (t) => t('tabs.shares', { ns: 'customers' }),
    visible: (c) => c.state === 'active',
    render: (c) => <CustomerSharesTab customer={c} />,
  },
  {
    key: 'files',
    label: (t) => t('tab', { ns: 'files' }),
    render: (c) => <CustomerFilesTab customer={c} />,
  },
  {
    key: 'history',
    label: (t) => t('tabs.history', { ns: 'customers' }),
    render: (c) => <CustomerHistoryTab customer={c} />,
  },
  {
    key: 'timeline',
    label: (t) => t('tabs.timeline', { ns: 'customers' }),
    render: (c) => <CustomerTimelineTab customer={c} />,
  },
];
