import { securitySettings, updateSecuritySettings } from '@guanxi/contract';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as security from './security-settings-service.ts';

const T = 'tenant';

/** 系统设置 → 安全: password policy, lockout, session length, TOTP per role. */
export function securitySettingsRoutes({ db, config }: Deps) {
  return async (app: Api) => {
    app.get(
      '/settings/security',
      {
        config: { permission: 'settings:security' },
        schema: docs(T, 'The tenant’s security settings (the server’s GUANXI_* values where none saved)', {
          response: { 200: securitySettings },
        }),
      },
      async (req) => security.getSecuritySettings(db, config, principalOf(req).tenantId),
    );

    app.put(
      '/settings/security',
      {
        // the TOTP roles change who must enrol: cached callers are dropped
        config: { permission: 'settings:security', invalidatesAuth: true },
        schema: docs(T, 'Save the security settings; effective at the next login, password or request', {
          body: updateSecuritySettings,
          response: { 200: securitySettings },
        }),
      },
      async (req) => security.updateSecuritySettings(db, config, actorOf(req), req.body),
    );
  };
}
