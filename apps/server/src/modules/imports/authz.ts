import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/**
 * Imports have one permission per entity (customers:import for customers and contacts,
 * leads:import), so no route carries a single one: every route needs any of them and the entity's
 * own is checked on preview, start and resume. No permission matrix therefore; imports.test.ts
 * and leads/import.test.ts check both (403 without any, 403 for another entity's file).
 */
export const authz: ModuleAuthz = { permissions: [], scopes: [] };
