import type { ReactNode } from 'react';
import { hasPermission, type PermissionRule, useMe } from '../lib/access.ts';
import { lazyPage } from './lazy-page.tsx';

// antd's Result with its illustrations is a chunk of its own, loaded only when someone needs it.
const ForbiddenPage = lazyPage(() => import('./forbidden-page.tsx').then((m) => m.ForbiddenPage));

/** Renders the page only for users holding `permission` (any of a list); others see a 403 result. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: PermissionRule;
  children: ReactNode;
}) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <ForbiddenPage />;
}
