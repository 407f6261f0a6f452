import type { Me } from '@guanxi/contract';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { hasPermission, type PermissionRule } from '../lib/access.ts';
import { menuIcon } from './menu-icons.tsx';
import { type MenuGroup, menuGroups, pageRoutes } from './routes.tsx';

type Entry = {
  path: string;
  icon: ReactNode;
  label: (t: TFunction<'layout'>) => string;
  permission?: PermissionRule;
  group?: MenuGroup;
};

/** Every module of the sidebar, in the order of the page table; an entry shows when the user holds its permission. */
export const menuEntries: Entry[] = pageRoutes.flatMap(({ path, permission, menu }) =>
  menu ? [{ path, permission, ...menu, icon: menuIcon(menu.icon) }] : [],
);

/** The entries the user may open, under their section's heading (a section with none is left out). */
export function menuItems(me: Me, t: TFunction<'layout'>): MenuProps['items'] {
  if (me.totpEnrolmentRequired) return [];
  const item = (e: Entry) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label(t)}</Link> });
  const shown = menuEntries.filter((e) => !e.permission || hasPermission(me, e.permission));
  const sections = menuGroups.flatMap((group) => {
    const children = shown.filter((e) => e.group === group).map(item);
    return children.length
      ? [{ type: 'group' as const, key: `group:${group}`, label: t(`menu.groups.${group}`), children }]
      : [];
  });
  return [...shown.filter((e) => !e.group).map(item), ...sections];
}

/** The menu entry a path belongs to (`/roles/12` → `/roles`). */
export function selectedMenuKey(pathname: string): string {
  const match = menuEntries
    .filter((e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ? match.path : pathname === '/' ? '/' : '';
}
