import { defineModule } from '../../module-manifest.ts';
import { fileRoutes } from './routes.ts';

/**
 * 附件: files attached to records. The modules whose records carry files declare them in their
 * manifest (`fileEntities`) with who may see and change a record; files follow that.
 */
export const manifest = defineModule({ name: 'files', routes: [fileRoutes] });
