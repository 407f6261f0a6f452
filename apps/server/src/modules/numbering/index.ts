import { defineModule } from '../../module-manifest.ts';
import { numberingRoutes } from './routes.ts';

/** Numbering rules (KH20261123-0001 …); numbers themselves come from the platform. */
export const manifest = defineModule({ name: 'numbering', routes: [numberingRoutes] });
