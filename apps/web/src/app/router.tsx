import { createBrowserRouter, type RouteObject } from 'react-router';
import { meQueryKey } from '../lib/access.ts';
import { setApiHandlers } from '../lib/api.ts';
import { AuthGate, CHANGE_PASSWORD_PATH, loginPath, TOTP_ENROLMENT_PATH } from './auth-gate.tsx';
import { lazyPage } from './lazy-page.tsx';
import { Loading } from './loading.tsx';
import { queryClient } from './query-client.ts';
import { RequirePermission } from './require-permission.tsx';
import { type PageRoute, pageRoutes } from './routes.tsx';

// The sidebar and header are a chunk of their own: the login page does not need them.
const AppLayout = lazyPage(() => import('./app-layout.tsx').then((m) => m.AppLayout));

/** One entry of the page table as a react-router route; without the permission, a 403 result. */
function toRoute({ path, page: Page, permission }: PageRoute): RouteObject {
  const element = (
    <Loading>
      {permission ? (
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      ) : (
        <Page />
      )}
    </Loading>
  );
  return path === '/' ? { index: true, element } : { path, element };
}

const inFrame = (frame: PageRoute['frame']) =>
  pageRoutes.filter((r) => (r.frame ?? 'layout') === frame).map(toRoute);

export const router = createBrowserRouter([
  ...inFrame('public'),
  {
    element: <AuthGate />,
    children: [
      ...inFrame('plain'),
      {
        element: (
          <Loading>
            <AppLayout />
          </Loading>
        ),
        children: inFrame('layout'),
      },
    ],
  },
]);

function here() {
  return router.state.location;
}

setApiHandlers({
  // the session ended (expired, revoked): start again from the login page, with nothing cached
  onUnauthenticated: () => {
    if (here().pathname === '/login') return;
    window.location.replace(loginPath(here()));
  },
  onPasswordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    if (here().pathname !== CHANGE_PASSWORD_PATH)
      void router.navigate(CHANGE_PASSWORD_PATH, { replace: true });
  },
  onTotpEnrolmentRequired: () => {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    if (here().pathname !== '/profile') void router.navigate(TOTP_ENROLMENT_PATH, { replace: true });
  },
});
