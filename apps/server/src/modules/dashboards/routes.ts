import { dashboard, dashboardRoleParams, saveDashboard, versionQuery } from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'dashboards';

/**
 * 经理看台: the caller's home dashboard (any signed-in user, their own) and the tenant's default
 * per role (roles:view / roles:edit). The layouts are read on the primary (a saved layout shows
 * at once); the cards' figures come from the report routes, on the read database.
 */
export function dashboardRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/dashboards/me',
      {
        schema: docs(T, 'My home dashboard: my layout, else my role’s default', {
          response: { 200: dashboard },
        }),
      },
      async (req) => service.myDashboard(db, callerOf(req)),
    );
    app.put(
      '/dashboards/me',
      {
        schema: docs(T, 'Save my layout: the cards in order, hidden ones included', {
          body: saveDashboard,
          response: { 200: dashboard },
        }),
      },
      async (req) => service.saveMyDashboard(db, callerOf(req), req.body),
    );
    app.delete(
      '/dashboards/me',
      {
        schema: docs(T, 'Drop my layout: back to my role’s default', {
          querystring: versionQuery,
          response: { 200: dashboard },
        }),
      },
      async (req) => service.resetMyDashboard(db, callerOf(req), req.query.version),
    );
    app.get(
      '/dashboards/roles/:roleId',
      {
        config: { permission: 'roles:view' },
        schema: docs(T, 'A role’s default dashboard (the tenant’s, else the built-in one)', {
          params: dashboardRoleParams,
          response: { 200: dashboard },
        }),
      },
      async (req) => service.roleDashboard(db, callerOf(req), req.params.roleId),
    );
    app.put(
      '/dashboards/roles/:roleId',
      {
        config: { permission: 'roles:edit' },
        schema: docs(T, 'Set a role’s default dashboard for the tenant', {
          params: dashboardRoleParams,
          body: saveDashboard,
          response: { 200: dashboard },
        }),
      },
      async (req) => service.saveRoleDashboard(db, callerOf(req), req.params.roleId, req.body),
    );
    app.delete(
      '/dashboards/roles/:roleId',
      {
        config: { permission: 'roles:edit' },
        schema: docs(T, 'Drop the tenant’s default of a role: back to the built-in one', {
          params: dashboardRoleParams,
          querystring: versionQuery,
          response: { 200: dashboard },
        }),
      },
      async (req) => service.resetRoleDashboard(db, callerOf(req), req.params.roleId, req.query.version),
    );
  };
}
