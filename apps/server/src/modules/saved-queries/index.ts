import { defineModule } from '../../module-manifest.ts';
import { savedQueryRoutes } from './routes.ts';

/** 我的查询: saved list filters, private or shared. */
export const manifest = defineModule({ name: 'saved-queries', routes: [savedQueryRoutes] });
