import './texts.ts';
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { type PrintDocumentType, printDocumentTypes } from '@guanxi/contract';
import { App, Button, Flex, Result, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePrintedDocument } from './api.ts';
import { PrintFrame } from './print-frame.tsx';

/**
 * 打印: a quote, order or contract as its print template renders it, in a frame where nothing runs;
 * 打印 prints the frame alone, 下载 PDF saves it as A4 pages.
 */
export function PrintPage() {
  const { type, id } = useParams<{ type: string; id: string }>();
  if (!(printDocumentTypes as readonly string[]).includes(type ?? '') || !id) return <NotFound />;
  return <PrintView type={type as PrintDocumentType} id={id} />;
}

const lists: Record<PrintDocumentType, string> = {
  quote: '/quotes',
  order: '/orders',
  contract: '/contracts',
};

/** Back to where the document was opened from; a print page opened on its own goes to the list. */
function useBack(type?: PrintDocumentType) {
  const navigate = useNavigate();
  return () => (window.history.length > 1 ? navigate(-1) : navigate(type ? lists[type] : '/'));
}

function NotFound({ type }: { type?: PrintDocumentType }) {
  const { t } = useTranslation('printTemplates');
  const back = useBack(type);
  return (
    <Result
      status="404"
      title={t('print.notFound')}
      extra={<Button onClick={back}>{t('print.back')}</Button>}
    />
  );
}

function PrintView({ type, id }: { type: PrintDocumentType; id: string }) {
  const { t } = useTranslation('printTemplates');
  const { message } = App.useApp();
  const back = useBack(type);
  const doc = usePrintedDocument(type, id);
  const frame = useRef<HTMLIFrameElement>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(doc.data?.title ?? t(`types.${type}`));

  if (doc.isError) {
    if (isApiError(doc.error, 'NOT_FOUND')) return <NotFound type={type} />;
    if (isApiError(doc.error, 'FORBIDDEN'))
      return (
        <Result
          status="403"
          title={t('print.forbidden')}
          extra={<Button onClick={back}>{t('print.back')}</Button>}
        />
      );
    return <QueryError error={doc.error} onRetry={() => void doc.refetch()} />;
  }

  const pdf = async () => {
    if (!frame.current || !doc.data) return;
    setSaving(true);
    try {
      const { downloadPdf } = await import('./pdf.ts');
      await downloadPdf(frame.current, `${doc.data.title}.pdf`);
    } catch {
      message.error(t('print.pdfFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main
      className="print-page"
      style={{ display: 'flex', flexDirection: 'column', height: '100dvh', padding: 12, gap: 12 }}
    >
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back} aria-label={t('print.back')} />
          <Typography.Title level={4} style={{ margin: 0 }} ellipsis>
            {doc.data?.title ?? t(`types.${type}`)}
          </Typography.Title>
        </Flex>
        <Flex gap={8}>
          <Button
            type="primary"
            icon={<PrinterOutlined aria-hidden />}
            disabled={!doc.data}
            onClick={() => frame.current?.contentWindow?.print()}
          >
            {t('print.print')}
          </Button>
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            disabled={!doc.data}
            loading={saving}
            onClick={() => void pdf()}
          >
            {t('print.pdf')}
          </Button>
        </Flex>
      </Flex>
      {doc.data ? (
        <div style={{ flex: 1, minHeight: 0 }}>
          <PrintFrame ref={frame} title={doc.data.title} html={doc.data.html} />
        </div>
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </main>
  );
}
