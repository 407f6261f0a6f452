import './texts.ts';
import {
  EditOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Mailing, MailingRecipient, RecipientStatus } from '@guanxi/contract';
import { mailingLimits, mergeFields, recipientStatuses } from '@guanxi/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import {
  fetchRecipients,
  mailingKeys,
  useCancelMailing,
  useMailing,
  useSendMailing,
  useTestMailing,
  useUpdateMailing,
} from './api.ts';
import { MailingStatusTag, RecipientStatusTag } from './labels.tsx';

/** 发送情况 in one line: total, sent, failed, bounced, unsubscribed, pending. */
export function useCountsText() {
  const { t } = useTranslation('mailings');
  return (m: Mailing) => t('counts', m.counts);
}

/** 群发详情: the message, its progress, 测试发送 / 立即发送 / 定时发送 / 停止, and every recipient's status. */
export function MailingDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('mailings');
  const isPhone = useIsPhone();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  // the last mailing opened stays in the drawer while it closes (no skeleton flashing by)
  const [shownId, setShownId] = useState(id);
  useEffect(() => {
    if (id) setShownId(id);
  }, [id]);
  const query = useMailing(shownId, !!id);
  const m = query.data;
  const send = useSendMailing();
  const cancel = useCancelMailing();
  const countsText = useCountsText();
  const [testOpen, setTestOpen] = useState(false);
  const [scheduleOpen, setScheduleOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const queryClient = useQueryClient();

  // the recipients' statuses follow the mailing's progress
  const progress = m
    ? `${m.status}:${m.counts.sent}:${m.counts.failed}:${m.counts.bounced}:${m.counts.suppressed}`
    : '';
  useEffect(() => {
    // the recipients' statuses and the list's row follow the mailing's progress (the detail itself
    // answers with the same progress again, so this runs once per change)
    if (shownId && progress) void queryClient.invalidateQueries({ queryKey: mailingKeys.all });
  }, [shownId, progress, queryClient]);

  const sendNow = async (mailing: Mailing) => {
    try {
      await send.mutateAsync({ id: mailing.id, version: mailing.version });
      message.success(t('send.done'));
    } catch (e) {
      showError(e);
    }
  };

  const body = query.isError ? (
    isApiError(query.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    )
  ) : !m ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'status', label: t('fields.status'), children: <MailingStatusTag status={m.status} /> },
          { key: 'channel', label: t('fields.channel'), children: t(`channels.${m.channel}`) },
          {
            key: 'audience',
            label: t('fields.audience'),
            children: m.savedQueryName ?? t('audience.explicit'),
          },
          ...(m.subject ? [{ key: 'subject', label: t('fields.subject'), children: m.subject }] : []),
          {
            key: 'body',
            label: t('fields.body'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {m.body}
              </Typography.Paragraph>
            ),
          },
          ...(m.scheduledAt
            ? [
                {
                  key: 'scheduledAt',
                  label: t('fields.scheduledAt'),
                  children: formatDateTime(m.scheduledAt),
                },
              ]
            : []),
          { key: 'progress', label: t('fields.progress'), children: countsText(m) },
          {
            key: 'owner',
            label: t('fields.owner'),
            children: `${m.ownerName} · ${formatDateTime(m.createdAt)}`,
          },
        ]}
      />
      {m.status === 'sending' ? <Alert type="info" showIcon message={t('detail.throttled')} /> : null}
      {can('mailings:send') ? (
        <Flex gap={8} wrap>
          <Button icon={<ExperimentOutlined aria-hidden />} onClick={() => setTestOpen(true)}>
            {t('actions.test')}
          </Button>
          {m.status === 'draft' ? (
            <>
              {can('mailings:create') ? (
                <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditOpen(true)}>
                  {t('actions.edit')}
                </Button>
              ) : null}
              <Popconfirm
                title={t('send.confirm', { count: m.counts.total })}
                onConfirm={() => sendNow(m)}
                okText={t('actions.send')}
              >
                <Button type="primary" icon={<SendOutlined aria-hidden />} loading={send.isPending}>
                  {t('actions.send')}
                </Button>
              </Popconfirm>
              <Button icon={<FieldTimeOutlined aria-hidden />} onClick={() => setScheduleOpen(true)}>
                {t('actions.schedule')}
              </Button>
            </>
          ) : null}
          {m.status === 'scheduled' || m.status === 'sending' ? (
            <Popconfirm
              title={t('send.cancelConfirm')}
              onConfirm={() => cancel.mutateAsync({ id: m.id, version: m.version }).catch(showError)}
            >
              <Button danger icon={<StopOutlined aria-hidden />}>
                {t('actions.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ) : null}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('detail.recipientsTitle')}
      </Typography.Title>
      <RecipientsList id={m.id} />
      <TestModal mailing={testOpen ? m : null} onClose={() => setTestOpen(false)} />
      <ScheduleModal mailing={scheduleOpen ? m : null} onClose={() => setScheduleOpen(false)} />
      <EditModal mailing={editOpen ? m : null} onClose={() => setEditOpen(false)} />
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={m?.name ?? t('title')}
      width={isPhone ? '100%' : 760}
      destroyOnHidden
    >
      {body}
    </Drawer>
  );
}

function RecipientsList({ id }: { id: string }) {
  const { t } = useTranslation('mailings');
  const fetcher = useMemo(() => fetchRecipients(id), [id]);
  const columns = useMemo<ListColumn<MailingRecipient>[]>(
    () => [
      { key: 'address', title: t('fields.address'), alwaysVisible: true, render: (r) => r.address },
      { key: 'name', title: t('fields.recipientName'), render: (r) => r.name },
      { key: 'status', title: t('fields.status'), render: (r) => <RecipientStatusTag status={r.status} /> },
      {
        key: 'error',
        title: t('fields.error'),
        ellipsis: true,
        width: 220,
        render: (r) =>
          r.error ? <Typography.Text ellipsis={{ tooltip: r.error }}>{r.error}</Typography.Text> : '',
      },
      {
        key: 'customerName',
        title: t('fields.customer'),
        defaultHidden: true,
        render: (r) => r.customerName ?? '',
      },
      { key: 'sentAt', title: t('fields.sentAt'), render: (r) => formatDateTime(r.sentAt) },
    ],
    [t],
  );
  const statuses = recipientStatuses.filter((s): s is Exclude<RecipientStatus, 'sending'> => s !== 'sending');
  return (
    <ListPage<MailingRecipient>
      bare
      queryKey={mailingKeys.recipients(id)}
      fetcher={fetcher}
      columns={columns}
      rowKey={(r) => r.id}
      searchPlaceholder={t('fields.address')}
      filterFields={[
        <Form.Item key="status" name="status" label={t('fields.status')}>
          <Select
            allowClear
            options={statuses.map((s) => ({ value: s, label: t(`recipientStatuses.${s}`) }))}
          />
        </Form.Item>,
      ]}
    />
  );
}

function TestModal({ mailing, onClose }: { mailing: Mailing | null; onClose: () => void }) {
  const { t } = useTranslation('mailings');
  const rules = useFormRules();
  const { message } = App.useApp();
  const test = useTestMailing();
  return (
    <FormModal<{ to: string }>
      open={!!mailing}
      title={t('test.title')}
      name="mailing-test"
      okText={t('actions.test')}
      onCancel={onClose}
      onSubmit={async (v) => {
        const res = await test.mutateAsync({ id: mailing!.id, to: v.to });
        message.success(t('test.done', { to: res.to }));
        onClose();
      }}
    >
      <Form.Item
        name="to"
        label={t('test.to')}
        rules={[rules.required()]}
        extra={mailing?.channel === 'sms' ? t('test.toHintSms') : t('test.toHintEmail')}
      >
        <Input inputMode={mailing?.channel === 'sms' ? 'tel' : 'email'} />
      </Form.Item>
    </FormModal>
  );
}

function ScheduleModal({ mailing, onClose }: { mailing: Mailing | null; onClose: () => void }) {
  const { t } = useTranslation('mailings');
  const rules = useFormRules();
  const { message } = App.useApp();
  const send = useSendMailing();
  return (
    <FormModal<{ at: Dayjs }>
      open={!!mailing}
      title={t('send.scheduleTitle')}
      name="mailing-schedule"
      okText={t('actions.schedule')}
      initialValues={{ at: dayjs().add(1, 'hour').startOf('hour') }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await send.mutateAsync({ id: mailing!.id, version: mailing!.version, scheduledAt: v.at.format() });
        message.success(t('send.scheduled'));
        onClose();
      }}
    >
      <Form.Item name="at" label={t('send.at')} rules={[rules.required()]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </FormModal>
  );
}

/** 编辑 a draft: its name, subject and message (who receives it was taken when it was created). */
function EditModal({ mailing, onClose }: { mailing: Mailing | null; onClose: () => void }) {
  const { t } = useTranslation('mailings');
  const rules = useFormRules();
  const update = useUpdateMailing();
  type Values = { name: string; subject?: string; body: string };
  return (
    <FormModal<Values>
      open={!!mailing}
      title={t('actions.edit')}
      name="mailing-edit"
      width={640}
      initialValues={{ name: mailing?.name, subject: mailing?.subject ?? undefined, body: mailing?.body }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await update.mutateAsync({ id: mailing!.id, version: mailing!.version, ...v });
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(), rules.maxLength(mailingLimits.name)]}
      >
        <Input />
      </Form.Item>
      {mailing?.channel === 'email' ? (
        <Form.Item
          name="subject"
          label={t('fields.subject')}
          rules={[rules.required(), rules.maxLength(mailingLimits.subject)]}
        >
          <Input />
        </Form.Item>
      ) : null}
      <Form.Item
        name="body"
        label={t('fields.body')}
        rules={[
          rules.required(),
          rules.maxLength(mailing?.channel === 'sms' ? mailingLimits.smsBody : mailingLimits.body),
        ]}
        extra={t('mergeHint', { fields: mergeFields.map((f) => `{{${f}}}`).join(' ') })}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
    </FormModal>
  );
}
