import './texts.ts';
import { DownloadOutlined } from '@ant-design/icons';
import type { CardBatch } from '@guanxi/contract';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useExportSecrets } from './api.ts';

/** Saves the numbers and secrets as a CSV in the browser (they are digits only: nothing to escape). */
function saveCsv(fileName: string, rows: { number: string; secret: string }[]) {
  const text = ['number,secret', ...rows.map((r) => `${r.number},${r.secret}`)].join('\r\n');
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 导出卡密: once only — the server erases the clear secrets as it answers, so the user confirms first. */
export function SecretsExportButton({ batch }: { batch: CardBatch }) {
  const { t } = useTranslation('cards');
  const { modal, message } = App.useApp();
  const exportSecrets = useExportSecrets();
  const showError = useShowError();
  if (batch.secretsExportedAt) return <span>{t('secretsExported')}</span>;
  return (
    <Button
      size="small"
      icon={<DownloadOutlined aria-hidden />}
      loading={exportSecrets.isPending}
      onClick={() =>
        modal.confirm({
          title: t('exportSecretsTitle', { name: batch.name }),
          content: t('exportSecretsWarning'),
          okText: t('exportSecretsOk'),
          onOk: async () => {
            try {
              const res = await exportSecrets.mutateAsync(batch.id);
              saveCsv(`card-secrets-${batch.prefix}.csv`, res.data);
              message.success(t('secretsSaved', { count: res.data.length }));
            } catch (e) {
              showError(e);
            }
          },
        })
      }
    >
      {t('exportSecrets')}
    </Button>
  );
}
