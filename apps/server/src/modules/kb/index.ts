import { defineModule } from '../../module-manifest.ts';
import { seedDemoKb } from './demo-seed.ts';
import { kbRoutes } from './routes.ts';
import { articleChangeable, articleVisible, CATEGORY_DICTIONARY } from './service.ts';

/** 知识库: articles with sanitised rich text and attachments, search, views and votes, "solved with" for tickets. */
export const manifest = defineModule({
  name: 'kb',
  routes: [kbRoutes],
  permissions: ['kb'],
  // everyone reads the knowledge base; the service team writes it; publishing (kb:publish) is the admin's to grant
  defaultGrants: {
    executive: ['kb:view'],
    sales_supervisor: ['kb:view'],
    account_manager: ['kb:view'],
    marketing: ['kb:view'],
    service: ['kb:view', 'kb:create', 'kb:edit'],
  },
  dictionaryReferences: [{ type: CATEGORY_DICTIONARY, table: 'kb_articles', column: 'category_id' }],
  fileEntities: [{ entity: 'kb-articles', canSee: articleVisible, canChange: articleChangeable }],
  seedDemo: seedDemoKb,
});
