import { defineModule } from '../../module-manifest.ts';
import { preferenceRoutes } from './routes.ts';

/** Per-user preferences (list columns, language …). */
export const manifest = defineModule({ name: 'preferences', routes: [preferenceRoutes] });
