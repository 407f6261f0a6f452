import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { QueryError } from '../components/query-error.tsx';
import { meQuery } from '../lib/access.ts';
import { isApiError } from '../lib/api.ts';

export const CHANGE_PASSWORD_PATH = '/change-password';
export const TOTP_ENROLMENT_PATH = '/profile?tab=security';

export function loginPath(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
}

/**
 * Loads `/auth/me` before anything else. Not signed in → /login; a password change is due →
 * only /change-password; the role needs TOTP and none is set up → only the profile's TOTP part.
 */
export function AuthGate() {
  const location = useLocation();
  const me = useQuery(meQuery);
  const onChangePassword = location.pathname === CHANGE_PASSWORD_PATH;

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error, 'UNAUTHENTICATED')) return <Navigate to={loginPath(location)} replace />;
    if (isApiError(me.error, 'PASSWORD_CHANGE_REQUIRED')) {
      return onChangePassword ? <Outlet /> : <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    }
    return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (me.data.user.mustChangePassword) {
    return onChangePassword ? <Outlet /> : <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  if (me.data.totpEnrolmentRequired && location.pathname !== '/profile') {
    return <Navigate to={TOTP_ENROLMENT_PATH} replace />;
  }
  return <Outlet />;
}
