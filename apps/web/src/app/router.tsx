import { createBrowserRouter, type RouteObject } from 'react-router';
import { meQueryKey } from '../lib/access.ts';
import { setApiHandlers } from '../lib/api.ts';
import { AuthGate, CHANGE_PASSWORD_PATH, loginPath, TOTP_ENROLMENT_PATH } from './auth-gate.tsx';
import { type LazyPage, lazyPage, type PreloadHandle } from './lazy-page.tsx';
import { Loading } from './loading.tsx';
import { queryClient } from './query-client.ts';
import { RequirePermission } from './require-permission.tsx';
import { type PageRoute, pageRoutes } from './routes.tsx';

// The sidebar and header, and antd's App, are chunks of their own: the login page needs neither.
const AppLayout = lazyPage(() => import('./app-layout.tsx').then((m) => m.AppLayout));
const SignedInFrame = lazyPage(() => import('./signed-in-frame.tsx').then((m) => m.SignedInFrame));

const preloads = (page: LazyPage): PreloadHandle => ({ preload: page.preload });

// Each page has a loading boundary of its own (keyed by the page): going to a page whose chunk is
// not loaded yet shows the spinner at once. With one boundary shared by all routes, react-router's
// navigation (a transition) would keep the previous page on screen without a sign of loading.
// Routes that show the same page share its key, so moving between them keeps the page mounted.
const pageKeys = new Map<LazyPage, string>();
function keyOf(page: LazyPage): string {
  if (!pageKeys.has(page)) pageKeys.set(page, `page-${pageKeys.size}`);
  return pageKeys.get(page)!;
}

/** One entry of the page table as a react-router route; without the permission, a 403 result. */
function toRoute({ path, page, permission }: PageRoute): RouteObject {
  const Page = page;
  const element = (
    <Loading key={keyOf(page)}>
      {permission ? (
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      ) : (
        <Page />
      )}
    </Loading>
  );
  const handle = preloads(page);
  return path === '/' ? { index: true, element, handle } : { path, element, handle };
}

const inFrame = (frame: PageRoute['frame']) =>
  pageRoutes.filter((r) => (r.frame ?? 'layout') === frame).map(toRoute);

export const router = createBrowserRouter([
  ...inFrame('public'),
  {
    element: <AuthGate />,
    children: [
      {
        element: (
          <Loading>
            <SignedInFrame />
          </Loading>
        ),
        handle: preloads(SignedInFrame),
        children: [
          ...inFrame('plain'),
          {
            element: (
              <Loading>
                <AppLayout />
              </Loading>
            ),
            handle: preloads(AppLayout),
            children: inFrame('layout'),
          },
        ],
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
