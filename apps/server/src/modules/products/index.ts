import { defineModule } from '../../module-manifest.ts';
import { seedDemoProducts } from './demo-seed.ts';
import { productRoutes } from './routes.ts';
import { CATEGORY_DICTIONARY, productChangeable, productVisible, UNIT_DICTIONARY } from './service.ts';

/** 产品 and 价格表: the catalogue quotes and orders are made of, and the prices customers get. */
export const manifest = defineModule({
  name: 'products',
  routes: [productRoutes],
  permissions: ['products'],
  // everyone who sells reads the catalogue; supervisors keep it and its price lists
  defaultGrants: {
    executive: ['products:view', 'products:export'],
    sales_supervisor: [
      'products:view',
      'products:create',
      'products:edit',
      'products:delete',
      'products:export',
    ],
    account_manager: ['products:view'],
    marketing: ['products:view'],
    service: ['products:view'],
  },
  // what the company pays is for who sets prices: sellers, marketing and service do not see it
  defaultFieldRules: {
    account_manager: { products: { cost: 'hidden' } },
    marketing: { products: { cost: 'hidden' } },
    service: { products: { cost: 'hidden' } },
  },
  dictionaryReferences: [
    { type: CATEGORY_DICTIONARY, table: 'products', column: 'category_id' },
    { type: UNIT_DICTIONARY, table: 'products', column: 'unit' },
    { type: 'customer-level', table: 'price_list_levels', column: 'level_id' },
  ],
  // the customers a price list names follow a merge (no history of their own on the timeline)
  customerChildren: [
    {
      table: 'price_list_customers',
      column: 'customer_id',
      entity: 'price-lists',
      uniqueWith: 'price_list_id',
      visibleTo: () => false,
    },
  ],
  // product images
  fileEntities: [{ entity: 'products', canSee: productVisible, canChange: productChangeable }],
  seedDemo: seedDemoProducts,
});
