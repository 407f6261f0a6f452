import './texts.ts';
import { PlusOutlined, PushpinOutlined } from '@ant-design/icons';
import type { Announcement, AnnouncementBox } from '@guanxi/contract';
import { Badge, Button, Flex, Form, Segmented, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { AnnouncementDetail } from './announcement-detail.tsx';
import { announcementKeys, fetchAnnouncements, useUnreadAnnouncements } from './api.ts';
import { ComposeDrawer } from './compose-drawer.tsx';
import { KindTag, MyStatus, ReceiptBars } from './status.tsx';

const boxes: AnnouncementBox[] = ['inbox', 'expired', 'sent'];
const mapFilters = (v: Record<string, unknown>): Record<string, QueryValue> => ({
  kind: typeof v.kind === 'string' ? v.kind : undefined,
});
const urlState = { filterKeys: ['kind'] };

/** 通知公告: my inbox (pinned first), 已过期, 已发出 with receipts; 发通知 for senders; the detail in `?id=`. */
export function AnnouncementsPage() {
  const { t } = useTranslation('announcements');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const box = (boxes as string[]).includes(params.get('box') ?? '')
    ? (params.get('box') as AnnouncementBox)
    : 'inbox';
  const [openId, openRecord] = useOpenRecord();
  const [composing, setComposing] = useState(false);
  const unread = useUnreadAnnouncements();
  const sent = box === 'sent';

  const columns = useMemo<ListColumn<Announcement>[]>(
    () => [
      {
        key: 'title',
        title: t('fields.title'),
        alwaysVisible: true,
        render: (a) => (
          <Flex gap={6} align="center">
            {a.receipt && !a.receipt.readAt ? (
              <Badge status="processing" aria-label={t('status.unread')} />
            ) : null}
            {a.pinned ? (
              <PushpinOutlined aria-label={t('status.pinned')} style={{ color: '#faad14' }} />
            ) : null}
            <Button
              type="link"
              size="small"
              style={{ padding: 0, fontWeight: a.receipt && !a.receipt.readAt ? 600 : undefined }}
              onClick={() => openRecord(a.id)}
            >
              {a.title}
            </Button>
          </Flex>
        ),
      },
      { key: 'kind', title: t('fields.kind'), render: (a) => <KindTag kind={a.kind} /> },
      { key: 'sender', title: t('fields.sender'), render: (a) => a.senderName },
      { key: 'createdAt', title: t('fields.sentAt'), render: (a) => formatDateTime(a.createdAt) },
      { key: 'dueAt', title: t('fields.dueAt'), render: (a) => formatDateTime(a.dueAt) },
      ...(sent
        ? [
            {
              key: 'progress',
              title: t('fields.progress'),
              render: (a: Announcement) => (
                <ReceiptBars kind={a.kind} total={a.recipientCount} read={a.readCount} done={a.doneCount} />
              ),
            },
          ]
        : [{ key: 'status', title: t('fields.status'), render: (a: Announcement) => <MyStatus a={a} /> }]),
      {
        key: 'expiresAt',
        title: t('fields.expiresAt'),
        defaultHidden: !sent && box !== 'expired',
        render: (a) => formatDateTime(a.expiresAt),
      },
    ],
    [t, openRecord, sent, box],
  );

  const count = (n: number | undefined) => (n ? <Badge count={n} size="small" offset={[6, -2]} /> : null);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('announcements:send') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setComposing(true)}>
              {t('send')}
            </Button>
          ) : null
        }
      />
      <ListPage<Announcement>
        // each box is its own list (its own page, filters kept in the address)
        key={box}
        queryKey={[...announcementKeys.all, 'list', box]}
        fetcher={fetchAnnouncements}
        columns={columns}
        rowKey={(a) => a.id}
        rowLabel={(a) => a.title}
        columnPreferenceKey={`columns.announcements.${box}`}
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        urlState={urlState}
        fixedParams={{ box }}
        toolbar={
          <Segmented
            value={box}
            onChange={(v) =>
              updateParams((p) => (v === 'inbox' ? p.delete('box') : p.set('box', v as string)))
            }
            options={boxes
              .filter((b) => b !== 'sent' || can('announcements:send'))
              .map((b) => ({
                value: b,
                label: (
                  <Typography.Text>
                    {t(`boxes.${b}`)}
                    {b === 'inbox' ? count(unread.data?.unread) : null}
                  </Typography.Text>
                ),
              }))}
          />
        }
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="kind" name="kind" label={t('fields.kind')}>
            <Select
              allowClear
              options={[
                { value: 'notice', label: t('kinds.notice') },
                { value: 'instruction', label: t('kinds.instruction') },
              ]}
            />
          </Form.Item>,
        ]}
      />
      <ComposeDrawer
        open={composing}
        onClose={() => setComposing(false)}
        onSent={(a) => {
          setComposing(false);
          updateParams((p) => {
            p.set('box', 'sent');
            p.set('id', a.id);
          });
        }}
      />
      <AnnouncementDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
