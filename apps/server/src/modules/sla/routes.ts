import { slaPreview, slaPreviewRequest, slaSettings, updateSlaSettings } from '@guanxi/contract';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'sla';

/** 服务时限: the tenant's business calendar and the SLA targets tickets are due by. */
export function slaRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/settings/sla',
      {
        config: { permission: 'tickets:view' },
        schema: docs(
          T,
          'The SLA targets (business minutes per priority, optionally per ticket type) and the business calendar',
          {
            response: { 200: slaSettings },
          },
        ),
      },
      async (req) => service.getSlaSettings(db, principalOf(req).tenantId),
    );
    app.patch(
      '/settings/sla',
      {
        config: { permission: 'tickets:admin' },
        schema: docs(
          T,
          'Replace the targets and / or the calendar (with the version read); applies to tickets created from now on',
          {
            body: updateSlaSettings,
            response: { 200: slaSettings },
          },
        ),
      },
      async (req) => service.updateSlaSettings(db, callerOf(req), req.body),
    );
    app.post(
      '/settings/sla/preview',
      {
        config: { permission: 'tickets:view' },
        schema: docs(
          T,
          'Due instants of a ticket created now (or at `from`) under a calendar and targets not saved yet',
          {
            body: slaPreviewRequest,
            response: { 200: slaPreview },
          },
        ),
      },
      async (req) => service.previewSla(callerOf(req), req.body),
    );
  };
}
