import './texts.ts';
import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import type { ImportField } from '@guanxi/contract';
import { Alert, Button, Descriptions, Flex, Progress, Result, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { errorReportUrl, useImportJob, useResumeImport } from './api.ts';

/** Step 3: the running import with a progress bar, then its result and report. */
export function ProgressStep({
  id,
  onAgain,
  fields = [],
}: {
  id: string;
  onAgain: () => void;
  /** Field labels from the preview, to name fields in the report (keys otherwise). */
  fields?: ImportField[];
}) {
  const { t } = useTranslation('imports');
  const job = useImportJob(id);
  const resume = useResumeImport();
  const showError = useShowError();
  const j = job.data;
  if (!j) return <Progress percent={0} status="active" />;
  const running = ['queued', 'validating', 'importing'].includes(j.status);
  const percent =
    j.status === 'importing' && j.total
      ? Math.floor((j.processed / j.total) * 100)
      : j.status === 'done'
        ? 100
        : 0;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text>{t(`status.${j.status}`, { total: j.total })}</Typography.Text>
        <Progress
          aria-label={t('progress')}
          percent={percent}
          status={
            j.status === 'failed'
              ? 'exception'
              : running
                ? 'active'
                : j.status === 'interrupted'
                  ? 'normal'
                  : 'success'
          }
        />
      </div>
      <Descriptions size="small" column={{ xs: 2, sm: 3, md: 6 }} bordered>
        <Descriptions.Item label={t('counts.total')}>{j.total}</Descriptions.Item>
        <Descriptions.Item label={t('counts.processed')}>{j.processed}</Descriptions.Item>
        <Descriptions.Item label={t('counts.created')}>{j.created}</Descriptions.Item>
        <Descriptions.Item label={t('counts.updated')}>{j.updated}</Descriptions.Item>
        <Descriptions.Item label={t('counts.skipped')}>{j.skipped}</Descriptions.Item>
        <Descriptions.Item label={t('counts.failed')}>{j.failed}</Descriptions.Item>
      </Descriptions>
      {j.status === 'done' ? (
        <Result
          status="success"
          title={t('result.done')}
          extra={<Button onClick={onAgain}>{t('again')}</Button>}
        />
      ) : null}
      {j.status === 'interrupted' ? (
        <Alert
          type="warning"
          showIcon
          message={t('result.interrupted', { count: j.processed })}
          action={
            <Button
              icon={<RedoOutlined aria-hidden />}
              loading={resume.isPending}
              onClick={() => resume.mutate(id, { onError: (e) => showError(e) })}
            >
              {t('resume')}
            </Button>
          }
        />
      ) : null}
      {j.status === 'failed' ? (
        <>
          <Alert
            type="error"
            showIcon
            message={t('result.failed', { count: j.failed })}
            description={j.message}
          />
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.field}`}
            dataSource={j.errors}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: t('errors.row'), dataIndex: 'row', width: 64 },
              {
                title: t('errors.field'),
                dataIndex: 'field',
                width: 120,
                render: (key: string) => fields.find((f) => f.key === key)?.label ?? key,
              },
              { title: t('errors.message'), dataIndex: 'message' },
            ]}
            scroll={{ x: 360 }}
          />
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined aria-hidden />} href={errorReportUrl(id)}>
              {t('downloadErrors')}
            </Button>
            <Button onClick={onAgain}>{t('again')}</Button>
          </Flex>
        </>
      ) : null}
    </Flex>
  );
}
