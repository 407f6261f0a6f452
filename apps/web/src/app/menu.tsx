import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  ContactsOutlined,
  FormOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Me } from '@guanxi/contract';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { hasPermission } from '../lib/access.ts';

type Entry = {
  path: string;
  icon: ReactNode;
  label: (t: TFunction<'layout'>) => string;
  permission?: string;
};

/** Every module of the sidebar, in order; an entry shows when the user holds its permission. */
export const menuEntries: Entry[] = [
  { path: '/', icon: <HomeOutlined aria-hidden />, label: (t) => t('menu.home') },
  {
    path: '/customers',
    icon: <IdcardOutlined aria-hidden />,
    label: (t) => t('modules.customers', { ns: 'common' }),
    permission: 'customers:view',
  },
  {
    path: '/contacts',
    icon: <ContactsOutlined aria-hidden />,
    label: (t) => t('modules.contacts', { ns: 'common' }),
    permission: 'contacts:view',
  },
  {
    path: '/pools',
    icon: <GlobalOutlined aria-hidden />,
    label: (t) => t('modules.pools', { ns: 'common' }),
    permission: 'pools:view',
  },
  {
    path: '/imports',
    icon: <ImportOutlined aria-hidden />,
    label: (t) => t('menu.imports'),
    permission: 'customers:import',
  },
  {
    path: '/departments',
    icon: <ApartmentOutlined aria-hidden />,
    label: (t) => t('menu.departments'),
    permission: 'departments:view',
  },
  {
    path: '/users',
    icon: <TeamOutlined aria-hidden />,
    label: (t) => t('menu.users'),
    permission: 'users:view',
  },
  {
    path: '/roles',
    icon: <SafetyCertificateOutlined aria-hidden />,
    label: (t) => t('menu.roles'),
    permission: 'roles:view',
  },
  {
    path: '/dictionaries',
    icon: <BookOutlined aria-hidden />,
    // the name of the module is shared with the permission matrix (common: modules.dictionaries)
    label: (t) => t('modules.dictionaries', { ns: 'common' }),
    permission: 'dictionaries:admin',
  },
  {
    path: '/custom-fields',
    icon: <FormOutlined aria-hidden />,
    // the module's name is shared with the permission matrix (common: modules.custom-fields)
    label: (t) => t('modules.custom-fields', { ns: 'common' }),
    permission: 'custom-fields:admin',
  },
  {
    path: '/audit',
    icon: <AuditOutlined aria-hidden />,
    label: (t) => t('menu.audit'),
    permission: 'audit:view',
  },
  {
    path: '/settings',
    icon: <SettingOutlined aria-hidden />,
    label: (t) => t('menu.settings'),
    permission: 'system:admin',
  },
];

export function menuItems(me: Me, t: TFunction<'layout'>): MenuProps['items'] {
  if (me.totpEnrolmentRequired) return [];
  return menuEntries
    .filter((e) => !e.permission || hasPermission(me, e.permission))
    .map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label(t)}</Link> }));
}

/** The menu entry a path belongs to (`/roles/12` → `/roles`). */
export function selectedMenuKey(pathname: string): string {
  const match = menuEntries
    .filter((e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ? match.path : pathname === '/' ? '/' : '';
}
