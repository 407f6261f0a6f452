import { notificationSettings, updateNotificationSettings } from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as settings from './settings-service.ts';

const T = 'notifications';

/** The caller's own e-mail reminder settings: any signed-in user, only their own row. */
export function notificationSettingsRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/notification-settings',
      {
        schema: docs(T, 'My e-mail reminder settings, with my address and whether the tenant has SMTP', {
          response: { 200: notificationSettings },
        }),
      },
      async (req) => settings.getNotificationSettings(db, callerOf(req)),
    );
    app.put(
      '/notification-settings',
      {
        schema: docs(T, 'Change my e-mail reminder settings (version 0 the first time)', {
          body: updateNotificationSettings,
          response: { 200: notificationSettings },
        }),
      },
      async (req) =>
        settings.updateNotificationSettings(db, callerOf(req), req.body, `${req.protocol}://${req.host}`),
    );
  };
}
