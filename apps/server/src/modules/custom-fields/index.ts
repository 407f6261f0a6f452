import { defineModule } from '../../module-manifest.ts';
import { customFieldRoutes } from './routes.ts';

/** Custom field definitions; the entities that carry them are declared by their modules. */
export const manifest = defineModule({
  name: 'custom-fields',
  routes: [customFieldRoutes],
  permissions: ['custom-fields'],
});
