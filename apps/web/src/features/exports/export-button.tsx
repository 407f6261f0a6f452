import { DownloadOutlined } from '@ant-design/icons';
import { type ExportJob, exportLimits } from '@guanxi/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, api, toSearch } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';

type Props = {
  /** The list's current query-string parameters (filters, q); page and sort are left out. */
  query: Record<string, string>;
};

/** 导出: the list as it is filtered, to XLSX or CSV, scope and field permissions applied on the server. */
export function ExportButton({ query }: Props) {
  const { t } = useTranslation('exports');
  const showError = useShowError();
  const isPhone = useIsPhone();
  const [jobId, setJobId] = useState<string>();
  const start = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => api.post<{ id: string }>('/customers/exports', { format, query }),
    onSuccess: ({ id }) => setJobId(id),
    onError: (e) => showError(e),
  });
  const job = useQuery({
    queryKey: ['exports', jobId],
    queryFn: ({ signal }) => api.get<ExportJob>(`/exports/${jobId}`, undefined, signal),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (['done', 'failed'].includes(q.state.data?.status ?? '') ? false : 1000),
  });

  const [counting, setCounting] = useState(false);
  const choose = async (format: 'csv' | 'xlsx') => {
    // how big is it? the list's own total (an estimate when large) decides: download now or a job
    setCounting(true);
    try {
      const size = await api.get<{ total: number; totalIsEstimate: boolean }>('/customers', {
        ...query,
        pageSize: 1,
      });
      // up to the server's limit a list downloads at once; a bigger one runs as a job with a progress bar
      if (!size.totalIsEstimate && size.total <= exportLimits.directRows)
        download(`${API_BASE}/customers/export${toSearch({ ...query, format })}`);
      else start.mutate(format);
    } catch (e) {
      showError(e);
    } finally {
      setCounting(false);
    }
  };
  const j = job.data;
  const percent = j?.total ? Math.floor((j.processed / j.total) * 100) : j?.status === 'done' ? 100 : 0;
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'xlsx', label: t('xlsx') },
            { key: 'csv', label: t('csv') },
          ],
          onClick: ({ key }) => void choose(key as 'csv' | 'xlsx'),
        }}
      >
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={start.isPending || counting}
          aria-label={t('export')}
          title={t('export')}
        >
          {isPhone ? null : t('export')}
        </Button>
      </Dropdown>
      <Modal
        open={Boolean(jobId)}
        title={t('title')}
        onCancel={() => setJobId(undefined)}
        footer={
          j?.status === 'done' ? (
            <Button
              type="primary"
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => download(`${API_BASE}/exports/${jobId}/file`)}
            >
              {t('download')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph>
          {j?.status === 'failed'
            ? t('failed')
            : j?.status === 'queued'
              ? t('queued')
              : t('progress', { processed: j?.processed ?? 0, total: j?.total ?? 0 })}
        </Typography.Paragraph>
        <Progress
          aria-label={t('title')}
          percent={percent}
          status={j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active'}
        />
      </Modal>
    </>
  );
}
