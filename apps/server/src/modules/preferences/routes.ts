import { preference, preferenceKey } from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { userPreferences } from '../../db/schema/platform.ts';
import { principalOf } from '../../platform/auth/hook.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';

const keyParams = z.object({ key: preferenceKey });
const MAX_VALUE_BYTES = 16_384;

/** Per-user UI settings (list columns, saved views …), as small JSON values. */
export function preferenceRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/preferences/:key',
      {
        schema: docs('preferences', 'A setting of the caller (null when unset)', {
          params: keyParams,
          response: { 200: preference },
        }),
      },
      async (req) => {
        const p = principalOf(req);
        const [row] = await db
          .select({ value: userPreferences.value })
          .from(userPreferences)
          .where(
            and(
              eq(userPreferences.tenantId, p.tenantId),
              eq(userPreferences.userId, p.userId),
              eq(userPreferences.key, req.params.key),
            ),
          );
        return { key: req.params.key, value: row?.value ?? null };
      },
    );

    app.put(
      '/preferences/:key',
      {
        schema: docs('preferences', 'Store a setting of the caller', {
          params: keyParams,
          body: z.object({ value: z.unknown() }),
          response: { 200: preference },
        }),
      },
      async (req) => {
        const p = principalOf(req);
        const value = req.body.value ?? null;
        if (JSON.stringify(value).length > MAX_VALUE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
        await db
          .insert(userPreferences)
          .values({ tenantId: p.tenantId, userId: p.userId, key: req.params.key, value })
          .onConflictDoUpdate({
            target: [userPreferences.tenantId, userPreferences.userId, userPreferences.key],
            set: { value, updatedAt: sql`now()` },
          });
        return { key: req.params.key, value };
      },
    );
  };
}
