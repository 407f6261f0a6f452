import {
  previewPrintTemplate,
  printPreview,
  printTemplate,
  printTypeParams,
  savePrintTemplate,
  versionQuery,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'print-templates';

/** 打印模板 (settings): a tenant's template per document type, its preview and 恢复默认. */
export function printTemplateRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/print-templates/:type',
      {
        config: { permission: 'print-templates:admin' },
        schema: docs(
          T,
          "The tenant's print template of a type (or the default), with the variables it may use",
          {
            params: printTypeParams,
            response: { 200: printTemplate },
          },
        ),
      },
      async (req) => service.getTemplate(db, callerOf(req).p, req.params.type),
    );
    app.put(
      '/print-templates/:type',
      {
        config: { permission: 'print-templates:admin' },
        schema: docs(
          T,
          'Save the print template of a type (mustache, escaped; {{{x}}} / {{&x}} → 400 PRINT_TEMPLATE_UNSAFE); version 0 for the first',
          { params: printTypeParams, body: savePrintTemplate, response: { 200: printTemplate } },
        ),
      },
      async (req) => service.saveTemplate(db, callerOf(req), req.params.type, req.body),
    );
    app.delete(
      '/print-templates/:type',
      {
        config: { permission: 'print-templates:admin' },
        schema: docs(T, 'Restore the built-in default template of a type (恢复默认)', {
          params: printTypeParams,
          querystring: versionQuery,
          response: { 200: printTemplate },
        }),
      },
      async (req) => {
        const c = callerOf(req);
        await service.restoreDefault(db, c, req.params.type, req.query.version);
        return service.getTemplate(db, c.p, req.params.type);
      },
    );
    app.post(
      '/print-templates/:type/preview',
      {
        config: { permission: 'print-templates:admin' },
        schema: docs(
          T,
          'Render a template (unsaved) with sample data of the type, sanitised like a printed document',
          {
            params: printTypeParams,
            body: previewPrintTemplate,
            response: { 200: printPreview },
          },
        ),
      },
      async (req) => service.preview(callerOf(req).p, req.params.type, req.body.template),
    );
  };
}
