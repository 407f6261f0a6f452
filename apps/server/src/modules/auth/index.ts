import { defineModule } from '../../module-manifest.ts';
import { authRoutes } from './routes.ts';

/** Sign-in, sessions, two-factor, API tokens, password changes. */
export const manifest = defineModule({
  name: 'auth',
  routes: [authRoutes],
  permissions: ['sessions'],
});
