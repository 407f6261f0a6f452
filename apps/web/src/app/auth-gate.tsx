import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, type UIMatch, useLocation, useMatches } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { meQuery } from '../lib/access.ts';
import { isApiError } from '../lib/api.ts';
import { lazyPage, type PreloadHandle } from './lazy-page.tsx';
import { Loading } from './loading.tsx';

// Rarely shown, and antd's Result is a chunk of its own: not part of the first load.
const QueryError = lazyPage(() => import('../components/query-error.tsx').then((m) => m.QueryError));

export const CHANGE_PASSWORD_PATH = '/change-password';
export const TOTP_ENROLMENT_PATH = '/profile?tab=security';

export function loginPath(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
}

/**
 * Starts loading every chunk the matched routes need (antd's App, the layout, the page) at once,
 * instead of each after the one around it has rendered.
 */
function preloadChunks(matches: UIMatch[]) {
  for (const match of matches) (match.handle as PreloadHandle | undefined)?.preload();
}

/**
 * Loads `/auth/me` before anything else. Not signed in → /login; a password change is due →
 * only /change-password; the role needs TOTP and none is set up → only the profile's TOTP part.
 */
export function AuthGate() {
  const location = useLocation();
  const me = useQuery(meQuery);
  const matches = useMatches();
  const signedIn = () => {
    preloadChunks(matches);
    return <Outlet />;
  };
  const onChangePassword = location.pathname === CHANGE_PASSWORD_PATH;

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error, 'UNAUTHENTICATED')) return <Navigate to={loginPath(location)} replace />;
    if (isApiError(me.error, 'PASSWORD_CHANGE_REQUIRED')) {
      return onChangePassword ? signedIn() : <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    }
    return (
      <Loading>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Loading>
    );
  }
  if (me.data.user.mustChangePassword) {
    return onChangePassword ? signedIn() : <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  if (me.data.totpEnrolmentRequired && location.pathname !== '/profile') {
    return <Navigate to={TOTP_ENROLMENT_PATH} replace />;
  }
  return signedIn();
}
