import type { Permission } from '@guanxi/contract';
import type { ReactNode } from 'react';
import { hasPermission, useMe } from '../lib/access.ts';
import { lazyPage } from './lazy-page.tsx';

// antd's Result with its illustrations is a chunk of its own, loaded only when someone needs it.
const ForbiddenPage = lazyPage(() => import('./forbidden-page.tsx').then((m) => m.ForbiddenPage));

/** Renders the page only for users holding `permission`; others see a 403 result. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <ForbiddenPage />;
}
