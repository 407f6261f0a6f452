import { defineModule } from '../../module-manifest.ts';
import { printTemplateRoutes } from './routes.ts';

/**
 * 打印模板: per tenant and document type (quote, order, contract) a mustache template, else the
 * built-in default; the documents' modules print through `renderPrint` (published.ts).
 */
export const manifest = defineModule({
  name: 'print-templates',
  routes: [printTemplateRoutes],
  permissions: ['print-templates'],
  // the admin role holds it; nobody else edits what every printed document looks like
  defaultGrants: {},
});
