import './texts.ts';
import { BellOutlined, CheckOutlined, PushpinOutlined } from '@ant-design/icons';
import { type Announcement, type AnnouncementReceipt, announcementLimits } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Result,
  Segmented,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RichContent } from '../../components/rich-text/rich-content.tsx';
import { useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import {
  useAnnouncement,
  useDeleteAnnouncement,
  useMarkDone,
  useMarkRead,
  useReceipts,
  useRemind,
  useUpdateAnnouncement,
} from './api.ts';
import { KindTag, MyStatus, ReceiptBars } from './status.tsx';

/** 通知详情 (`?id=`): the text and attachments; opening it is my read receipt; 完成 for an instruction; receipts for the sender. */
export function AnnouncementDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('announcements');
  const isPhone = useIsPhone();
  // the last one opened stays while the drawer closes (no skeleton flashing in its animation)
  const [shown, setShown] = useState(id);
  useEffect(() => {
    if (id) setShown(id);
  }, [id]);
  const query = useAnnouncement(shown);
  const a = query.data;

  const body = query.isError ? (
    isApiError(query.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    )
  ) : !a ? (
    <Skeleton active />
  ) : (
    <Content key={a.id} a={a} onGone={onClose} />
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={isPhone ? '100%' : 860}
      title={a ? a.title : t('title')}
      destroyOnHidden
    >
      {body}
    </Drawer>
  );
}

function Content({ a, onGone }: { a: Announcement; onGone: () => void }) {
  const { t } = useTranslation('announcements');
  const me = useMe();
  const read = useMarkRead(a.id);
  const asked = useRef(false);
  // opening it is the read receipt (once: the answer updates the detail)
  useEffect(() => {
    if (a.receipt && !a.receipt.readAt && !asked.current) {
      asked.current = true;
      read.mutate();
    }
  }, [a.receipt, read]);

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <KindTag kind={a.kind} />
        {a.pinned ? (
          <Typography.Text type="warning">
            <PushpinOutlined aria-hidden /> {t('status.pinned')}
          </Typography.Text>
        ) : null}
        {a.expired ? <Typography.Text type="secondary">{t('status.expired')}</Typography.Text> : null}
        <MyStatus a={a} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'sender', label: t('fields.sender'), children: a.senderName },
          { key: 'at', label: t('fields.sentAt'), children: formatDateTime(a.createdAt) },
          ...(a.dueAt ? [{ key: 'due', label: t('fields.dueAt'), children: formatDateTime(a.dueAt) }] : []),
          ...(a.expiresAt
            ? [{ key: 'exp', label: t('fields.expiresAt'), children: formatDateTime(a.expiresAt) }]
            : []),
          {
            key: 'aud',
            label: t('fields.audience'),
            children: [...a.departments, ...a.users].map((x) => x.name).join('、'),
          },
        ]}
      />
      <RichContent html={a.content} />
      <section aria-label={t('fields.attachments')}>
        <Typography.Title level={5}>{t('fields.attachments')}</Typography.Title>
        <AttachmentsPanel entity="announcements" entityId={a.id} canChange={a.senderId === me.user.id} />
      </section>
      {a.receipt && a.kind === 'instruction' ? <Completion a={a} /> : null}
      {a.manage ? <Manage a={a} onGone={onGone} /> : null}
    </Flex>
  );
}

/** 完成 with a note, or what I wrote when I did. */
function Completion({ a }: { a: Announcement }) {
  const { t } = useTranslation('announcements');
  const { message } = App.useApp();
  const showError = useShowError();
  const done = useMarkDone(a.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const r = a.receipt!;
  if (r.doneAt)
    return (
      <Alert
        type="success"
        showIcon
        title={t('detail.doneAt', { at: formatDateTime(r.doneAt) })}
        description={r.note ? `${t('detail.yourNote')}：${r.note}` : undefined}
      />
    );
  return (
    <>
      <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('detail.done')}
      </Button>
      <Modal
        open={open}
        title={t('detail.doneTitle')}
        onCancel={() => setOpen(false)}
        okText={t('detail.done')}
        confirmLoading={done.isPending}
        onOk={async () => {
          try {
            await done.mutateAsync(note.trim() || undefined);
            message.success(t('detail.doneSaved'));
            setOpen(false);
          } catch (e) {
            showError(e);
          }
        }}
      >
        <label htmlFor="announcement-done-note">{t('detail.doneNote')}</label>
        <Input.TextArea
          id="announcement-done-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={announcementLimits.note}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
        />
      </Modal>
    </>
  );
}

/** The sender's part: receipts per department and per person, 提醒, 置顶, 下架, 撤回. */
function Manage({ a, onGone }: { a: Announcement; onGone: () => void }) {
  const { t } = useTranslation('announcements');
  const { message } = App.useApp();
  const showError = useShowError();
  const receipts = useReceipts(a.id, true);
  const remind = useRemind(a.id);
  const update = useUpdateAnnouncement(a.id);
  const remove = useDeleteAnnouncement(a.id);
  const [filter, setFilter] = useState<'all' | 'unread' | 'undone'>('all');
  const instruction = a.kind === 'instruction';
  const people = useMemo(
    () =>
      (receipts.data?.data ?? []).filter((r) =>
        filter === 'unread' ? !r.readAt : filter === 'undone' ? !r.doneAt : true,
      ),
    [receipts.data, filter],
  );
  const act = (p: Promise<unknown>) => p.catch(showError);

  return (
    <section aria-label={t('receipts.title')}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('receipts.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Button
            icon={<BellOutlined aria-hidden />}
            loading={remind.isPending}
            onClick={() =>
              act(
                remind
                  .mutateAsync()
                  .then(({ reminded }) =>
                    message.info(
                      reminded ? t('receipts.reminded', { count: reminded }) : t('receipts.remindedNone'),
                    ),
                  ),
              )
            }
          >
            {instruction ? t('receipts.remindUndone') : t('receipts.remindUnread')}
          </Button>
          <Button
            icon={<PushpinOutlined aria-hidden />}
            loading={update.isPending}
            onClick={() => act(update.mutateAsync({ version: a.version, pinned: !a.pinned }))}
          >
            {a.pinned ? t('detail.unpin') : t('detail.pin')}
          </Button>
          {a.expired ? null : (
            <Popconfirm
              title={t('detail.expireNowConfirm')}
              onConfirm={() =>
                act(update.mutateAsync({ version: a.version, expiresAt: new Date().toISOString() }))
              }
            >
              <Button>{t('detail.expireNow')}</Button>
            </Popconfirm>
          )}
          <ConfirmDeleteButton
            title={t('detail.withdrawConfirm')}
            label={t('detail.withdraw')}
            doneMessage={t('detail.withdrawn')}
            onConfirm={async () => {
              await remove.mutateAsync(a.version);
              onGone();
            }}
          />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('detail.audienceNote', { count: a.recipientCount })}
      </Typography.Paragraph>
      {receipts.isError ? (
        <QueryError error={receipts.error} onRetry={() => void receipts.refetch()} />
      ) : !receipts.data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Table
            size="small"
            pagination={false}
            rowKey="departmentId"
            aria-label={t('receipts.byDepartment')}
            dataSource={receipts.data.departments}
            columns={[
              { key: 'name', title: t('receipts.department'), dataIndex: 'name' },
              {
                key: 'bars',
                title: t('fields.progress'),
                render: (_, d) => <ReceiptBars kind={a.kind} total={d.total} read={d.read} done={d.done} />,
              },
            ]}
          />
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            options={[
              { value: 'all', label: t('receipts.filterAll') },
              { value: 'unread', label: t('receipts.filterUnread') },
              ...(instruction ? [{ value: 'undone', label: t('receipts.filterUndone') }] : []),
            ]}
          />
          <Table<AnnouncementReceipt>
            size="small"
            rowKey="userId"
            aria-label={t('receipts.people')}
            dataSource={people}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'name', title: t('receipts.name'), dataIndex: 'name' },
              { key: 'dept', title: t('receipts.department'), dataIndex: 'departmentName' },
              {
                key: 'read',
                title: t('receipts.readAt'),
                render: (_, r) =>
                  r.readAt ? (
                    formatDateTime(r.readAt)
                  ) : (
                    <Typography.Text type="secondary">{t('status.unread')}</Typography.Text>
                  ),
              },
              ...(instruction
                ? [
                    {
                      key: 'done',
                      title: t('receipts.doneAt'),
                      render: (_: unknown, r: AnnouncementReceipt) =>
                        r.doneAt ? (
                          formatDateTime(r.doneAt)
                        ) : (
                          <Typography.Text type="secondary">{t('status.todo')}</Typography.Text>
                        ),
                    },
                    { key: 'note', title: t('receipts.note'), dataIndex: 'note' },
                  ]
                : []),
            ]}
          />
        </Flex>
      )}
    </section>
  );
}
