import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/**
 * Files have no permission of their own: every route is for a signed-in user and the file follows
 * its record — listed and downloaded by who sees the record, uploaded and deleted by who may change
 * it (the owning module's `fileEntities`). No permission or scope matrix therefore; files.test.ts
 * checks that following ("a file follows its record": 404 out of scope, 403 view only).
 */
export const authz: ModuleAuthz = { permissions: [], scopes: [] };
