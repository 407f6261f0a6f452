import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import { type WorkReport, type WorkReportComment, workReportLimits } from '@guanxi/contract';
import {
  App,
  Avatar,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Result,
  Skeleton,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
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
  const { message } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const add = useAddWorkReportComment(id);
  const [form] = Form.useForm<{ content: string }>();
  const send = (v: { content: string }) =>
    add.mutateAsync(v.content).then(
      () => {
        form.resetFields();
        message.success(t('detail.commented'));
      },
      (e) => showError(e, form),
    );
  return (
    <section aria-label={t('detail.comments')}>
      <Typography.Title level={5}>{t('detail.comments')}</Typography.Title>
      {comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noComments')} />
      ) : (
        <List
          size="small"
          dataSource={comments}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <List.Item.Meta
                avatar={<Avatar size="small">{c.userName.slice(-2)}</Avatar>}
                title={
                  <Flex gap={8} wrap>
                    <span>{c.userName}</span>
                    <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
                  </Flex>
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.content}</span>}
              />
            </List.Item>
          )}
        />
      )}
      {can('work-reports:comment') ? (
        <Form form={form} name="work-report-comment" onFinish={send} layout="vertical">
          <Form.Item
            name="content"
            rules={[{ required: true, whitespace: true, message: t('detail.commentPlaceholder') }]}
          >
            <Input.TextArea
              aria-label={t('detail.commentPlaceholder')}
              placeholder={t('detail.commentPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={workReportLimits.comment}
            />
          </Form.Item>
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('detail.commentSend')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </section>
  );
}
