import './texts.ts';
import { BellOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type Contract, contractStatuses } from '@guanxi/contract';
import { App, Button, Flex, Form, InputNumber, Segmented, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useMineOrTeam } from '../../lib/use-mine-or-team.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { formatMoney } from '../customers/money.ts';
import { contractKeys, fetchContracts, useContractSettings, useSaveContractSettings } from './api.ts';
import { ContractDetail } from './contract-detail.tsx';
import { ContractDrawer } from './contract-drawer.tsx';
import { ContractStatusTag, DaysToEnd } from './labels.tsx';

const urlState = { filterKeys: ['status', 'endingWithin'] };

/** 合同: 我的 / 全部 (in my scope), filters, 新建合同, a detail drawer (`?id=`), the expiry reminder setting. */
export function ContractsPage() {
  const { t } = useTranslation('contracts');
  const can = useCan();
  const [view, setView] = useMineOrTeam('contracts');
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<Contract | { customerId?: string } | null>(null);
  const [settings, setSettings] = useState(false);

  const columns = useMemo<ListColumn<Contract>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (k) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(k.id)}>
            {k.number}
          </Button>
        ),
      },
      {
        key: 'title',
        title: t('fields.title'),
        ellipsis: true,
        width: 200,
        render: (k) => <Typography.Text ellipsis={{ tooltip: k.title }}>{k.title}</Typography.Text>,
      },
      { key: 'customer', title: t('fields.customer'), ellipsis: true, render: (k) => k.customerName },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (k) => formatMoney(k.amount) },
      {
        key: 'received',
        title: t('fields.received'),
        align: 'right',
        render: (k) => formatMoney(k.figures.received),
      },
      {
        key: 'outstanding',
        title: t('fields.outstanding'),
        align: 'right',
        render: (k) => formatMoney(k.figures.outstanding),
      },
      {
        key: 'invoiced',
        title: t('fields.invoiced'),
        align: 'right',
        defaultHidden: true,
        render: (k) => formatMoney(k.figures.invoiced),
      },
      { key: 'status', title: t('fields.status'), render: (k) => <ContractStatusTag status={k.status} /> },
      { key: 'endDate', title: t('fields.endDate'), sortable: true, render: (k) => k.endDate },
      { key: 'daysToEnd', title: t('fields.daysToEnd'), render: (k) => <DaysToEnd contract={k} /> },
      {
        key: 'signedAt',
        title: t('fields.signedAt'),
        sortable: true,
        defaultHidden: true,
        render: (k) => k.signedAt ?? '',
      },
      { key: 'owner', title: t('fields.owner'), render: (k) => k.ownerName },
      {
        key: 'department',
        title: t('fields.department'),
        defaultHidden: true,
        render: (k) => k.departmentName,
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        defaultHidden: true,
        render: (k) => k.createdAt.slice(0, 10),
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('contracts:admin') ? (
              <Button icon={<BellOutlined aria-hidden />} onClick={() => setSettings(true)}>
                {t('actions.settings')}
              </Button>
            ) : null}
            {can('contracts:export') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                href="/api/v1/contracts/export?format=xlsx"
                target="_blank"
              >
                {t('actions.export')}
              </Button>
            ) : null}
            {can('contracts:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer({})}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<Contract>
        queryKey={contractKeys.all}
        fetcher={fetchContracts}
        columns={columns}
        rowKey={(k) => k.id}
        columnPreferenceKey="columns.contracts"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        fixedParams={view === 'mine' ? { mine: 'true' } : undefined}
        toolbar={
          <Segmented<'mine' | 'team'>
            value={view}
            onChange={setView}
            options={[
              { value: 'mine', label: t('views.mine') },
              { value: 'team', label: t('views.team') },
            ]}
          />
        }
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={contractStatuses.map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="endingWithin" name="endingWithin" label={t('filters.endingWithin')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={[30, 60, 90].map((days) => ({
                value: String(days),
                label: t('filters.endingDays', { days }),
              }))}
            />
          </Form.Item>,
        ]}
      />
      <ContractDrawer target={drawer} onClose={() => setDrawer(null)} onSaved={(k) => openRecord(k.id)} />
      <ContractDetail
        id={openId}
        onClose={() => openRecord(null)}
        onEdit={(k) => {
          openRecord(null);
          setDrawer(k);
        }}
      />
      <SettingsDialog open={settings} onClose={() => setSettings(false)} />
    </>
  );
}

/** 到期提醒: how many days before its end the owner of an active contract hears of it. */
function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const settings = useContractSettings(open);
  const save = useSaveContractSettings();
  if (!settings.data) return null;
  return (
    <FormModal<{ expiryReminderDays: number }>
      open={open}
      name="contract-settings-form"
      title={t('settings.title')}
      initialValues={{ expiryReminderDays: settings.data.expiryReminderDays }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({ expiryReminderDays: v.expiryReminderDays, version: settings.data!.version });
        message.success(t('settings.saved'));
        onClose();
      }}
    >
      <Form.Item
        name="expiryReminderDays"
        label={t('settings.days')}
        extra={t('settings.help')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
