import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import { type Campaign, campaignLimits } from '@guanxi/contract';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Result,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { tenantToday } from '../../lib/tenant-today.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import {
  useAddCampaignAction,
  useCampaign,
  useCampaignActions,
  useCampaignLeads,
  useDeleteCampaign,
  useDeleteCampaignAction,
} from './api.ts';
import { CampaignHistoryTab } from './history-tab.tsx';
import { CampaignStatusTag, formatMoney, useChannelLabel } from './labels.tsx';
import { ResultsCard } from './results-card.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (c: Campaign) => void;
};

/** 活动详情: tabs 概览 (facts and 投入产出) / 活动记录 / 费用明细 / 线索. */
export function CampaignDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('campaigns');
  const isPhone = useIsPhone();
  const campaign = useCampaign(id);
  const c = campaign.data;
  const remove = useDeleteCampaign();

  const body = campaign.isError ? (
    isApiError(campaign.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />
    )
  ) : !c ? (
    <Skeleton active />
  ) : (
    <Tabs
      items={[
        { key: 'overview', label: t('tabs.overview'), children: <Overview c={c} /> },
        { key: 'actions', label: t('tabs.actions'), children: <Actions c={c} /> },
        { key: 'expenses', label: t('tabs.expenses'), children: <Expenses c={c} /> },
        { key: 'leads', label: t('tabs.leads'), children: <Leads c={c} /> },
        { key: 'history', label: t('tabs.history'), children: <CampaignHistoryTab c={c} /> },
      ]}
    />
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={c ? `${c.number} · ${c.name}` : t('detail.title')}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      extra={
        c ? (
          <Flex gap={8}>
            {c.canDelete ? (
              <ConfirmDeleteButton
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: c.id, version: c.version }).then(onClose)}
                doneMessage={t('deleted')}
                look={isPhone ? 'icon' : 'button'}
              />
            ) : null}
            {c.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(c)}>
                {t('actions.edit', { ns: 'common' })}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function Overview({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const channel = useChannelLabel();
  const text = (key: string, label: string, value: string | null) =>
    value ? [{ key, label, children: <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span> }] : [];
  return (
    <Flex vertical gap={16}>
      <ResultsCard results={c.results} />
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'status', label: t('fields.status'), children: <CampaignStatusTag status={c.status} /> },
          {
            key: 'channel',
            label: t('fields.channel'),
            children: <Tag>{channel(c.channel, c.channelName)}</Tag>,
          },
          { key: 'period', label: t('fields.period'), children: `${c.startDate} ~ ${c.endDate}` },
          {
            key: 'budget',
            label: t('fields.budget'),
            children: c.budget ? `¥${formatMoney(c.budget)}` : '—',
          },
          { key: 'total', label: t('fields.totalExpense'), children: `¥${formatMoney(c.totalExpense)}` },
          { key: 'owner', label: t('fields.owner'), children: `${c.ownerName} · ${c.departmentName}` },
          ...(c.participants.length
            ? [
                {
                  key: 'participants',
                  label: t('fields.participants'),
                  children: c.participants.map((p) => p.name).join('、'),
                },
              ]
            : []),
          ...text('target', t('fields.targetCustomers'), c.targetCustomers),
          ...text('products', t('fields.products'), c.products),
          ...text('partners', t('fields.partners'), c.partners),
          ...text('description', t('fields.description'), c.description),
        ]}
      />
      <section aria-label={t('detail.attachments')}>
        <Typography.Title level={5}>{t('detail.attachments')}</Typography.Title>
        <AttachmentsPanel entity="campaigns" entityId={c.id} canChange={c.canEdit} />
      </section>
    </Flex>
  );
}

type ActionValues = { occurredOn?: Dayjs; content?: string };

function Actions({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const actions = useCampaignActions(c.id);
  const add = useAddCampaignAction(c.id);
  const remove = useDeleteCampaignAction(c.id);
  const [form] = Form.useForm<ActionValues>();
  const { saving, submit } = useFormSubmit(form);
  // the tenant's today: the server refuses a day after it
  const today = dayjs(tenantToday(useMe().tenant.timezone));
  const save = async (v: ActionValues) => {
    await add.mutateAsync({ occurredOn: v.occurredOn?.format('YYYY-MM-DD'), content: v.content ?? '' });
    message.success(t('actions.added'));
    form.resetFields();
  };
  return (
    <Flex vertical gap={16}>
      {c.canEdit ? (
        <Form<ActionValues>
          form={form}
          name="campaign-action"
          layout="vertical"
          initialValues={{ occurredOn: today }}
          onFinish={(v) => void submit('main', save, v)}
        >
          <Flex gap={8} wrap align="start">
            <Form.Item name="occurredOn" label={t('actions.occurredOn')} style={{ marginBottom: 8 }}>
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(today, 'day')} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('actions.content')}
              style={{ flex: 1, minWidth: 220, marginBottom: 8 }}
              rules={[{ required: true, whitespace: true, message: t('actions.placeholder') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={campaignLimits.action}
                placeholder={t('actions.placeholder')}
              />
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit" loading={saving === 'main'}>
            {t('actions.add')}
          </Button>
        </Form>
      ) : null}
      {actions.isError ? (
        <QueryError error={actions.error} onRetry={() => void actions.refetch()} />
      ) : (
        <List
          loading={actions.isPending}
          dataSource={actions.data ?? []}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('actions.empty')} />,
          }}
          renderItem={(a) => (
            <List.Item
              actions={
                a.canDelete
                  ? [
                      <ConfirmDeleteButton
                        key="delete"
                        title={t('actions.removeConfirm')}
                        onConfirm={() => remove.mutateAsync(a.id)}
                        doneMessage={t('actions.removed')}
                        look="icon"
                        ariaLabel={t('actions.remove')}
                      />,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap>
                    <Typography.Text strong>{a.occurredOn}</Typography.Text>
                    <Typography.Text type="secondary">{a.userName}</Typography.Text>
                  </Flex>
                }
                description={<span style={{ whiteSpace: 'pre-wrap', color: 'inherit' }}>{a.content}</span>}
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}

function Expenses({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={c.expenses}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('expenses.empty') }}
      columns={[
        { key: 'item', title: t('expenses.item'), dataIndex: 'item' },
        {
          key: 'amount',
          title: t('expenses.amount'),
          align: 'right',
          render: (_, e) => formatMoney(e.amount),
        },
        { key: 'spentOn', title: t('expenses.spentOn'), render: (_, e) => e.spentOn ?? '' },
        { key: 'note', title: t('expenses.note'), render: (_, e) => e.note ?? '' },
      ]}
      summary={() =>
        c.expenses.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('expenses.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{formatMoney(c.totalExpense)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={2} />
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function Leads({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const can = useCan();
  const allowed = can('leads:view');
  const [page, setPage] = useState(1);
  const leads = useCampaignLeads(c.id, page, allowed);
  if (!allowed) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.noPermission')} />;
  if (leads.isError) return <QueryError error={leads.error} onRetry={() => void leads.refetch()} />;
  return (
    <Table
      size="small"
      rowKey="id"
      loading={leads.isFetching}
      pagination={{
        current: page,
        pageSize: 20,
        total: leads.data?.total ?? 0,
        size: 'small',
        showSizeChanger: false,
        hideOnSinglePage: true,
        onChange: setPage,
      }}
      dataSource={leads.data?.data ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('leads.empty') }}
      columns={[
        {
          key: 'name',
          title: t('leads.name'),
          render: (_, l) => <Link to={`/leads?id=${l.id}`}>{l.name}</Link>,
        },
        { key: 'contactName', title: t('leads.contactName'), render: (_, l) => l.contactName ?? '' },
        {
          key: 'status',
          title: t('leads.status'),
          render: (_, l) => (
            <Tag color={l.status === 'converted' ? 'green' : undefined}>
              {t(`leads.statuses.${l.status}`)}
            </Tag>
          ),
        },
        { key: 'owner', title: t('leads.owner'), render: (_, l) => l.ownerName ?? '' },
        { key: 'createdAt', title: t('leads.createdAt'), render: (_, l) => formatDateTime(l.createdAt) },
      ]}
    />
  );
}
