import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import { type WorkReport, type WorkReportComment, workReportLimits } from '@guanxi/contract';
import { Button, Descriptions, Drawer, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommentThread } from '../../components/comment-thread.tsx';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useAddWorkReportComment, useDeleteWorkReport, usePrefill, useWorkReport } from './api.ts';
import { FigureCards, usePeriodLabel } from './periods.tsx';
import { StatusTag } from './status-tag.tsx';

type Props = { id: string | null; onClose: () => void; onEdit: (r: WorkReport) => void };

/** 汇报详情: figures, summary and plan, 点评 with a comment box; my draft can be edited or deleted. */
export function ReportDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('workReports');
  const isPhone = useIsPhone();
  const label = usePeriodLabel();
  const query = useWorkReport(id);
  const r = query.data;
  const remove = useDeleteWorkReport();
  const draft = r?.status === 'draft';

  const body = query.isError ? (
    isApiError(query.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    )
  ) : !r ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'user', label: t('fields.user'), children: r.userName },
          ...(r.departmentName
            ? [{ key: 'dept', label: t('fields.department'), children: r.departmentName }]
            : []),
          {
            key: 'range',
            label: t('fields.range'),
            children: r.start === r.end ? r.start : `${r.start} ~ ${r.end}`,
          },
          { key: 'status', label: t('fields.status'), children: <StatusTag status={r.status} /> },
          ...(r.submittedAt
            ? [{ key: 'at', label: t('fields.submittedAt'), children: formatDateTime(r.submittedAt) }]
            : []),
        ]}
      />
      {draft ? <LiveFigures r={r} /> : <FigureCards figures={r.figures} />}
      <section aria-label={t('fields.summary')}>
        <Typography.Title level={5}>{t('fields.summary')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.summary || '—'}</Typography.Paragraph>
      </section>
      <section aria-label={t('fields.plan')}>
        <Typography.Title level={5}>{t('fields.plan')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.plan || '—'}</Typography.Paragraph>
      </section>
      {draft ? null : <Comments id={r.id} comments={r.comments} />}
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={r ? `${r.userName} · ${label(r)}` : t('detail.title')}
      size={isPhone ? '100%' : 600}
      destroyOnHidden
      extra={
        r?.mine && draft ? (
          <Flex gap={8}>
            <ConfirmDeleteButton
              title={t('detail.deleteConfirm')}
              onConfirm={() => remove.mutateAsync({ id: r.id, version: r.version }).then(onClose)}
              doneMessage={t('detail.deleted')}
            />
            <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(r)}>
              {t('actions.edit', { ns: 'common' })}
            </Button>
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

/** A draft's figures are today's count (fixed when it is submitted). */
function LiveFigures({ r }: { r: WorkReport }) {
  const { t } = useTranslation('workReports');
  const prefill = usePrefill(r.period, r.start);
  return (
    <Flex vertical gap={4}>
      <FigureCards figures={prefill.data} loading={prefill.isPending} />
      <Typography.Text type="secondary">{t('detail.liveFigures')}</Typography.Text>
    </Flex>
  );
}

function Comments({ id, comments }: { id: string; comments: WorkReportComment[] }) {
  const { t } = useTranslation('workReports');
  const can = useCan();
  const add = useAddWorkReportComment(id);
  return (
    <CommentThread
      name="work-report-comment"
      texts={{
        title: t('detail.comments'),
        empty: t('detail.noComments'),
        placeholder: t('detail.commentPlaceholder'),
        send: t('detail.commentSend'),
        sent: t('detail.commented'),
      }}
      comments={comments}
      canComment={can('work-reports:comment')}
      maxLength={workReportLimits.comment}
      onSend={(content) => add.mutateAsync(content)}
      sending={add.isPending}
    />
  );
}
