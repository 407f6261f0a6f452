import { numberingRule, numberingRuleParams, updateNumberingRule } from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'numbering-rules';
const ADMIN = 'settings:numbering';
const timeZoneOf = (req: FastifyRequest) => principalOf(req).profile.tenant.timezone;

/** Numbering rules (编号规则): prefix + date part + sequence per entity. */
export function numberingRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/numbering-rules',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'The numbering rule of every entity (the tenant’s own or the default)', {
          response: { 200: z.object({ data: z.array(numberingRule) }) },
        }),
      },
      async (req) => ({ data: await service.listRules(db, principalOf(req).tenantId, timeZoneOf(req)) }),
    );

    app.put(
      '/numbering-rules/:entity',
      {
        config: { permission: ADMIN },
        schema: docs(
          T,
          'Save an entity’s rule (version 0 creates the tenant’s own); NUMBERING_RULE_AMBIGUOUS when the reset is finer than the date part',
          { params: numberingRuleParams, body: updateNumberingRule, response: { 200: numberingRule } },
        ),
      },
      async (req) => service.updateRule(db, actorOf(req), timeZoneOf(req), req.params.entity, req.body),
    );
  };
}
