import './texts.ts';
import { type BulkResult, type ErrorCode, errorCatalog } from '@guanxi/contract';
import { App, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n.ts';

type Named = { id: string; name: string };

/** Why a row was skipped, in the reader's language (the codes are the API's error codes). */
function reason(code: string): string {
  const entry = errorCatalog[code as ErrorCode];
  return entry ? entry[currentLanguage()] : code;
}

/** Shows a bulk call's `{updated, failed[]}`: a success message, or a dialog naming what was skipped. */
export function useBulkReport() {
  const { t } = useTranslation('customers');
  const { message, modal } = App.useApp();
  return useCallback(
    (result: unknown, rows: Named[]) => {
      const r = result as BulkResult;
      if (r.failed.length === 0) {
        message.success(t('bulk.result', { updated: r.updated }));
        return;
      }
      const names = new Map(rows.map((row) => [row.id, row.name]));
      modal.warning({
        title: t('bulk.partial', { updated: r.updated, failed: r.failed.length }),
        content: (
          <ul style={{ paddingInlineStart: 18, margin: 0, maxHeight: 280, overflowY: 'auto' }}>
            {r.failed.map((f) => (
              <li key={f.id}>
                <Typography.Text strong>{names.get(f.id) ?? f.id}</Typography.Text>
                <Typography.Text type="secondary">{` — ${reason(f.code)}`}</Typography.Text>
              </li>
            ))}
          </ul>
        ),
      });
    },
    [message, modal, t],
  );
}
