import { defineModule } from '../../module-manifest.ts';
import { contactRoutes } from './contacts-routes.ts';
import { seedDemo } from './demo-seed.ts';
import { customerJobs } from './jobs.ts';
import { customerRoutes } from './routes.ts';
import { customerChangeable, customerVisible, dictionaryFields } from './service.ts';
import { customersLifecycle } from './user-lifecycle.ts';

const contactsAll = ['contacts:view', 'contacts:create', 'contacts:edit', 'contacts:delete'] as const;
const readers = ['customers:view', 'contacts:view'] as const;

/** The customer book: customers, contacts, ownership, shares, merge, invalidation. */
export const manifest = defineModule({
  name: 'customers',
  routes: [customerRoutes, contactRoutes],
  permissions: ['customers', 'contacts'],
  defaultGrants: {
    executive: [...readers, 'customers:export'],
    sales_supervisor: [
      ...(
        ['view', 'create', 'edit', 'delete', 'export', 'import', 'transfer', 'assign', 'merge'] as const
      ).map((a) => `customers:${a}` as const),
      ...contactsAll,
    ],
    account_manager: [
      ...(['view', 'create', 'edit', 'export'] as const).map((a) => `customers:${a}` as const),
      ...contactsAll,
    ],
    marketing: [...readers, 'customers:create'],
    service: readers,
  },
  userLifecycle: customersLifecycle,
  jobs: customerJobs,
  fileEntities: [{ entity: 'customers', canSee: customerVisible, canChange: customerChangeable }],
  customFieldEntities: [
    { entity: 'customers', table: 'customers' },
    { entity: 'contacts', table: 'contacts' },
  ],
  dictionaryReferences: dictionaryFields.map(([field, type]) => ({
    type,
    table: 'customers',
    column: field.replace(/Id$/, '_id'),
  })),
  customerChildren: [{ table: 'contacts', column: 'customer_id', entity: 'contacts' }],
  seedDemo,
});
