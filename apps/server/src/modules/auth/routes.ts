import {
  apiToken,
  changePassword,
  createApiToken,
  createdApiToken,
  idParams,
  login,
  loginResponse,
  me,
  okResponse,
  passwordPolicy,
  session,
  sessionListQuery,
  totpConfirm,
  totpDisable,
  totpSetupResponse,
} from '@guanxi/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, SESSION_COOKIE } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as auth from './service.ts';

const A = 'auth';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, hours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: hours * 3600,
  });
}

export function authRoutes({ db, config }: Deps) {
  return async (app: Api) => {
    app.post(
      '/auth/login',
      {
        config: {
          public: true,
          rateLimit: { max: config.loginIpLimit, timeWindow: '1 minute' },
        },
        schema: docs(A, 'Sign in with username (or phone) and password; sets the session cookie', {
          body: login,
          response: {
            200: loginResponse,
            423: z.object({ code: z.string(), message: z.string() }).describe('ACCOUNT_LOCKED'),
          },
        }),
      },
      async (req, reply) => {
        const result = await auth.login(db, config, req.body, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        setSessionCookie(req, reply, result.sessionToken, result.sessionHours);
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { invalidatesAuth: true, allowPending: 'password' },
        schema: docs(A, 'Sign out: revokes the session and clears the cookie', {
          response: { 200: okResponse },
        }),
      },
      async (req, reply) => {
        await auth.logout(db, principalOf(req), actorOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      {
        config: { allowPending: 'password' },
        schema: docs(A, 'The caller: user, tenant, permissions, data scopes, CSRF token', {
          response: { 200: me },
        }),
      },
      async (req) => auth.me(principalOf(req)),
    );

    app.get(
      '/auth/password-policy',
      {
        config: { allowPending: 'password' },
        schema: docs(A, 'The tenant’s password policy (the password fields check it before sending)', {
          response: { 200: passwordPolicy },
        }),
      },
      async (req) => auth.passwordPolicyOf(db, principalOf(req)),
    );

    app.post(
      '/auth/change-password',
      {
        config: { invalidatesAuth: true, allowPending: 'password' },
        schema: docs(A, 'Change the own password (ends a forced change; signs out other sessions)', {
          body: changePassword,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await auth.changePassword(
          db,
          principalOf(req),
          actorOf(req),
          req.body.currentPassword,
          req.body.newPassword,
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/totp/setup',
      {
        config: { allowPending: 'totp' },
        schema: docs(A, 'Start TOTP enrolment: a new secret and its otpauth:// URL for the QR code', {
          response: { 200: totpSetupResponse },
        }),
      },
      async (req) => auth.totpSetup(db, config, principalOf(req)),
    );

    app.post(
      '/auth/totp/confirm',
      {
        config: { invalidatesAuth: true, allowPending: 'totp' },
        schema: docs(A, 'Finish TOTP enrolment with a code from the authenticator', {
          body: totpConfirm,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await auth.totpConfirm(db, config, principalOf(req), actorOf(req), req.body.code);
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/totp/disable',
      {
        config: { invalidatesAuth: true },
        schema: docs(A, 'Turn TOTP off (not when a role requires it)', {
          body: totpDisable,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await auth.totpDisable(db, principalOf(req), actorOf(req), req.body.password);
        return { ok: true as const };
      },
    );

    // ---- sessions ----
    app.get(
      '/sessions',
      {
        schema: docs('sessions', 'Live sessions: own, or (sessions:admin) a user’s or all', {
          querystring: sessionListQuery,
          response: { 200: z.object({ data: z.array(session) }) },
        }),
      },
      async (req) => ({ data: await auth.listSessions(db, principalOf(req), req.query.userId) }),
    );

    app.delete(
      '/sessions/:id',
      {
        config: { invalidatesAuth: true },
        schema: docs('sessions', 'Revoke a session', { params: idParams, response: { 200: okResponse } }),
      },
      async (req) => {
        await auth.revokeSession(db, principalOf(req), actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );

    // ---- API tokens ----
    app.get(
      '/api-tokens',
      {
        schema: docs('api-tokens', 'The caller’s API tokens', {
          response: { 200: z.object({ data: z.array(apiToken) }) },
        }),
      },
      async (req) => ({ data: await auth.listApiTokens(db, principalOf(req)) }),
    );

    app.post(
      '/api-tokens',
      {
        schema: docs('api-tokens', 'Create an API token; the secret is in this answer only', {
          body: createApiToken,
          response: { 201: createdApiToken },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await auth.createApiToken(db, principalOf(req), actorOf(req), req.body)),
    );

    app.delete(
      '/api-tokens/:id',
      {
        config: { invalidatesAuth: true },
        schema: docs('api-tokens', 'Revoke an API token', {
          params: idParams,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await auth.revokeApiToken(db, principalOf(req), actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
