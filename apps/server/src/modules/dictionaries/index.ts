import { defineModule } from '../../module-manifest.ts';
import { dictionaryRoutes } from './routes.ts';
import { seedDictionaries } from './service.ts';

/** Base data (客户来源, 行业, 客户等级 …, regions): every tenant gets the standard items. */
export const manifest = defineModule({
  name: 'dictionaries',
  routes: [dictionaryRoutes],
  permissions: ['dictionaries'],
  seedTenant: seedDictionaries,
});
