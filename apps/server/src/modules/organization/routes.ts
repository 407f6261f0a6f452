import {
  bulkUserStatus,
  checkInSettings,
  createDepartment,
  createRole,
  createUser,
  department,
  idParams,
  listResponse,
  permissionCatalog,
  permissionCatalogResponse,
  resetPassword,
  role,
  tenantSettings,
  tenantWithVersion,
  updateCheckInSettings,
  updateDepartment,
  updateRole,
  updateUser,
  user,
  userDeparture,
  userDepartureResult,
  userListQuery,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import * as departments from './departments-service.ts';
import * as roles from './roles-service.ts';
import * as tenants from './tenants-service.ts';
import * as users from './users-service.ts';

export function organizationRoutes({ db }: Deps) {
  return async (app: Api) => {
    // ---- departments ----
    const D = 'departments';
    app.get(
      '/departments',
      {
        config: { permission: 'departments:view' },
        schema: docs(D, 'The whole department tree, flat, parents first', {
          response: { 200: z.object({ data: z.array(department) }) },
        }),
      },
      async (req) => ({ data: await departments.listDepartments(db, principalOf(req).tenantId) }),
    );

    app.get(
      '/departments/:id',
      {
        config: { permission: 'departments:view' },
        schema: docs(D, 'One department', { params: idParams, response: { 200: department } }),
      },
      async (req) => departments.getDepartment(db, principalOf(req).tenantId, req.params.id),
    );

    app.post(
      '/departments',
      {
        // a new department joins the subtree scopes cached with the callers above it
        config: { permission: 'departments:create', invalidatesAuth: true },
        schema: docs(D, 'Create a department under a parent', {
          body: createDepartment,
          response: { 201: department },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await departments.createDepartment(db, actorOf(req), req.body)),
    );

    app.patch(
      '/departments/:id',
      {
        config: { permission: 'departments:edit', invalidatesAuth: true },
        schema: docs(D, 'Rename, reorder or move a department', {
          params: idParams,
          body: updateDepartment,
          response: { 200: department },
        }),
      },
      async (req) => departments.updateDepartment(db, actorOf(req), req.params.id, req.body),
    );

    deleteRoute(
      app,
      {
        path: '/departments/:id',
        tag: D,
        summary: 'Delete an empty department',
        permission: 'departments:delete',
        invalidatesAuth: true,
      },
      (req, id, version) => departments.deleteDepartment(db, actorOf(req), id, version),
    );

    historyRoute(
      app,
      {
        path: '/departments/:id/history',
        tag: D,
        summary: 'Field history of a department',
        permission: 'departments:view',
      },
      (req, id) => departments.departmentHistory(db, principalOf(req).tenantId, id),
    );

    // ---- users ----
    const U = 'users';
    app.get(
      '/users',
      {
        config: { permission: 'users:view' },
        schema: docs(U, 'Users in the caller’s data scope', {
          querystring: userListQuery,
          response: { 200: listResponse(user) },
        }),
      },
      async (req) => users.listUsers(db, principalOf(req), req.query),
    );

    app.get(
      '/users/:id',
      {
        config: { permission: 'users:view' },
        schema: docs(U, 'One user (404 outside the data scope)', {
          params: idParams,
          response: { 200: user },
        }),
      },
      async (req) => users.getUser(db, principalOf(req), req.params.id),
    );

    app.post(
      '/users',
      {
        // a new user joins the own-and-subordinates scopes cached with the supervisors above
        config: { permission: 'users:create', invalidatesAuth: true },
        schema: docs(U, 'Create a user (must change the password at first login)', {
          body: createUser,
          response: { 201: user },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await users.createUser(db, principalOf(req), actorOf(req), req.body)),
    );

    app.patch(
      '/users/:id',
      {
        config: { permission: 'users:edit', invalidatesAuth: true },
        schema: docs(U, 'Edit a user; disabling or leaving revokes the sessions', {
          params: idParams,
          body: updateUser,
          response: { 200: user },
        }),
      },
      async (req) => users.updateUser(db, principalOf(req), actorOf(req), req.params.id, req.body),
    );

    deleteRoute(
      app,
      {
        path: '/users/:id',
        tag: U,
        summary: 'Delete a user',
        permission: 'users:delete',
        invalidatesAuth: true,
      },
      (req, id, version) => users.deleteUser(db, principalOf(req), actorOf(req), id, version),
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: { permission: 'users:edit', invalidatesAuth: true },
        schema: docs(U, 'Set a new password the user must change at next login', {
          params: idParams,
          body: resetPassword,
          response: { 200: user },
        }),
      },
      async (req) =>
        users.resetPassword(
          db,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.body.version,
          req.body.password,
        ),
    );

    app.post(
      '/users/bulk-status',
      {
        config: { permission: 'users:edit', invalidatesAuth: true },
        schema: docs(U, 'Set the status of several users', {
          body: bulkUserStatus,
          response: { 200: z.object({ updated: z.number().int() }) },
        }),
      },
      async (req) => users.setStatuses(db, principalOf(req), actorOf(req), req.body.ids, req.body.status),
    );

    historyRoute(
      app,
      { path: '/users/:id/history', tag: U, summary: 'Field history of a user', permission: 'users:view' },
      (req, id) => users.userHistory(db, principalOf(req), id),
    );

    app.post(
      '/users/:id/departure',
      {
        config: { permission: 'users:edit', invalidatesAuth: true },
        schema: docs(
          U,
          'Departure (离职): hand customers (all or chosen) and open records to a user or a pool, then set left',
          {
            params: idParams,
            body: userDeparture,
            response: { 200: userDepartureResult },
          },
        ),
      },
      async (req) => users.departUser(db, principalOf(req), actorOf(req), req.params.id, req.body),
    );

    // ---- roles ----
    const R = 'roles';
    app.get(
      '/roles',
      {
        config: { permission: 'roles:view' },
        schema: docs(R, 'All roles', { response: { 200: z.object({ data: z.array(role) }) } }),
      },
      async (req) => ({ data: await roles.listRoles(db, principalOf(req).tenantId) }),
    );

    app.get(
      '/roles/:id',
      {
        config: { permission: 'roles:view' },
        schema: docs(R, 'One role', { params: idParams, response: { 200: role } }),
      },
      async (req) => roles.getRole(db, principalOf(req).tenantId, req.params.id),
    );

    app.post(
      '/roles',
      {
        config: { permission: 'roles:create' },
        schema: docs(R, 'Create a role', { body: createRole, response: { 201: role } }),
      },
      async (req, reply) =>
        reply.status(201).send(await roles.createRole(db, principalOf(req), actorOf(req), req.body)),
    );

    app.patch(
      '/roles/:id',
      {
        config: { permission: 'roles:edit', invalidatesAuth: true },
        schema: docs(R, 'Edit a role', { params: idParams, body: updateRole, response: { 200: role } }),
      },
      async (req) => roles.updateRole(db, principalOf(req), actorOf(req), req.params.id, req.body),
    );

    deleteRoute(
      app,
      {
        path: '/roles/:id',
        tag: R,
        summary: 'Delete a role no user holds',
        permission: 'roles:delete',
        invalidatesAuth: true,
      },
      (req, id, version) => roles.deleteRole(db, actorOf(req), id, version),
    );

    historyRoute(
      app,
      { path: '/roles/:id/history', tag: R, summary: 'Field history of a role', permission: 'roles:view' },
      (req, id) => roles.roleHistory(db, principalOf(req).tenantId, id),
    );

    app.get(
      '/permissions',
      {
        config: { permission: 'roles:view' },
        schema: docs(R, 'The permission catalogue: modules, actions, scoped or not, restrictable fields', {
          response: { 200: permissionCatalogResponse },
        }),
      },
      async () => ({
        modules: Object.entries(permissionCatalog).map(([module, def]) => ({
          module,
          actions: [...def.actions],
          scoped: def.scoped,
          fields: [...def.fields],
        })),
      }),
    );

    // ---- tenant ----
    app.get(
      '/tenant',
      {
        schema: docs('tenant', 'The caller’s tenant', { response: { 200: tenantWithVersion } }),
      },
      async (req) => tenants.getTenant(db, principalOf(req).tenantId),
    );

    app.patch(
      '/tenant',
      {
        config: { permission: 'system:admin', invalidatesAuth: true },
        schema: docs('tenant', 'Edit the tenant’s name, time zone and employee-code pattern', {
          body: tenantSettings,
          response: { 200: tenantWithVersion },
        }),
      },
      async (req) => tenants.updateTenant(db, actorOf(req), req.body),
    );

    // ---- check-in rules: every signed-in user reads them (the phone applies them) ----
    app.get(
      '/settings/check-in',
      {
        schema: docs('tenant', 'The tenant’s check-in rules (签到规则)', {
          response: { 200: checkInSettings },
        }),
      },
      async (req) => tenants.getCheckInSettings(db, principalOf(req).tenantId),
    );

    app.patch(
      '/settings/check-in',
      {
        config: { permission: 'settings:check-in' },
        schema: docs(
          'tenant',
          'Edit the check-in rules: radius, out-of-range mode, photo, accuracy, working hours, track interval',
          {
            body: updateCheckInSettings,
            response: { 200: checkInSettings },
          },
        ),
      },
      async (req) => tenants.updateCheckInSettings(db, actorOf(req), req.body),
    );
  };
}
