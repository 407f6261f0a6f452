import { defineModule } from '../../module-manifest.ts';
import { fileRoutes } from './routes.ts';
import { uploadsEntity } from './uploads-service.ts';

/**
 * 附件: files attached to records. The modules whose records carry files declare them in their
 * manifest (`fileEntities`) with who may see and change a record; files follow that.
 */
export const manifest = defineModule({
  name: 'files',
  routes: [fileRoutes],
  // a customer's files move with a merge and show on its 360 timeline (`entity_id` holds ids of
  // every kind of record, but uuids never collide: only a customer's files match a customer's id)
  // a person's uploads for a record not yet saved (uploads-service.ts)
  fileEntities: [uploadsEntity],
  customerChildren: [{ table: 'files', column: 'entity_id', entity: 'files' }],
});
