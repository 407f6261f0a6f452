import { createBrowserRouter } from 'react-router';
import { AuditLogPage } from '../features/audit/audit-log-page.tsx';
import { ChangePasswordPage } from '../features/auth/change-password-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { ContactsPage } from '../features/contacts/contacts-page.tsx';
import { CustomFieldsPage } from '../features/custom-fields/custom-fields-page.tsx';
import { CustomerPage } from '../features/customers/customer-page.tsx';
import { CustomersPage } from '../features/customers/customers-page.tsx';
import { CustomersPrintPage } from '../features/customers/customers-print-page.tsx';
import { DepartmentsPage } from '../features/departments/departments-page.tsx';
import { DictionariesPage } from '../features/dictionaries/dictionaries-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { ImportsPage } from '../features/imports/imports-page.tsx';
import { PoolsPage } from '../features/pools/pools-page.tsx';
import { ProfilePage } from '../features/profile/profile-page.tsx';
import { RoleEditPage } from '../features/roles/role-edit-page.tsx';
import { RolesPage } from '../features/roles/roles-page.tsx';
import { TenantSettingsPage } from '../features/system/tenant-settings-page.tsx';
import { UsersPage } from '../features/users/users-page.tsx';
import { meQueryKey } from '../lib/access.ts';
import { setApiHandlers } from '../lib/api.ts';
import { AppLayout } from './app-layout.tsx';
import { AuthGate, CHANGE_PASSWORD_PATH, loginPath, TOTP_ENROLMENT_PATH } from './auth-gate.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { queryClient } from './query-client.ts';
import { RequirePermission } from './require-permission.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <AuthGate />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
      {
        // a plain page for paper: no sidebar or header
        path: 'customers/print',
        element: (
          <RequirePermission permission="customers:view">
            <CustomersPrintPage />
          </RequirePermission>
        ),
      },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'customers',
            element: (
              <RequirePermission permission="customers:view">
                <CustomersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/:id',
            element: (
              <RequirePermission permission="customers:view">
                <CustomerPage />
              </RequirePermission>
            ),
          },
          {
            path: 'contacts',
            element: (
              <RequirePermission permission="contacts:view">
                <ContactsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pools',
            element: (
              <RequirePermission permission="pools:view">
                <PoolsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'imports',
            element: (
              <RequirePermission permission="customers:import">
                <ImportsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'departments',
            element: (
              <RequirePermission permission="departments:view">
                <DepartmentsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission permission="users:view">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'roles',
            element: (
              <RequirePermission permission="roles:view">
                <RolesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'roles/new',
            element: (
              <RequirePermission permission="roles:create">
                <RoleEditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'roles/:id',
            element: (
              <RequirePermission permission="roles:view">
                <RoleEditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'dictionaries',
            element: (
              <RequirePermission permission="dictionaries:admin">
                <DictionariesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'custom-fields',
            element: (
              <RequirePermission permission="custom-fields:admin">
                <CustomFieldsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit:view">
                <AuditLogPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings',
            element: (
              <RequirePermission permission="system:admin">
                <TenantSettingsPage />
              </RequirePermission>
            ),
          },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFoundPage /> },
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
