import './texts.ts';
import { SettingOutlined, SyncOutlined } from '@ant-design/icons';
import { type ChurnRecord, type ChurnStatus, churnStatuses } from '@guanxi/contract';
import { App, Button, Flex, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { churnKeys, fetchChurnRecords, useChurnSettings, useRunChurn } from './api.ts';
import { ConfirmDialog, DelayDialog, SettingsDialog } from './churn-dialogs.tsx';
import { ChurnHistory } from './churn-history.tsx';
import { RiskBar } from './risk-bar.tsx';

const isStatus = (s: string | null): s is ChurnStatus => churnStatuses.includes(s as ChurnStatus);
const urlState = { filterKeys: [] };

/** 流失预警: records by status (tabs), highest risk first; 暂缓 / 确认 on open ones; settings for admins. */
export function ChurnPage() {
  const { t } = useTranslation('churn');
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const status: ChurnStatus = isStatus(params.get('status'))
    ? (params.get('status') as ChurnStatus)
    : 'warning';
  const [delaying, setDelaying] = useState<ChurnRecord | null>(null);
  const [confirming, setConfirming] = useState<ChurnRecord | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settings = useChurnSettings();
  const run = useRunChurn();
  const handles = can('churn:handle');
  const open = status === 'warning' || status === 'delayed';

  const isPhone = useIsPhone();
  const columns = useMemo<ListColumn<ChurnRecord>[]>(() => {
    const dash = <Typography.Text type="secondary">—</Typography.Text>;
    const actions = (r: ChurnRecord) => (
      <Flex gap={4} wrap>
        <Button
          size="small"
          disabled={r.delays >= r.maxDelays}
          aria-label={`${t('actions.delay')} ${r.customerName}`}
          onClick={() => setDelaying(r)}
        >
          {t('actions.delay')}
        </Button>
        <Button
          size="small"
          danger
          aria-label={`${t('actions.confirm')} ${r.customerName}`}
          onClick={() => setConfirming(r)}
        >
          {t('actions.confirm')}
        </Button>
      </Flex>
    );
    const lastOrder = (r: ChurnRecord) =>
      r.lastOrderAt ? formatDateTime(r.lastOrderAt).slice(0, 10) : t('fields.neverOrdered');
    // a phone shows one column: the customer, its risk, the state's facts and the actions under it
    if (isPhone)
      return [
        {
          key: 'customerName',
          title: t('fields.customer'),
          alwaysVisible: true,
          render: (r) => (
            <Flex vertical gap={4}>
              <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>
              <RiskBar score={r.risk} width={140} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  r.ownerName,
                  `${t('fields.lastOrderAt')} ${lastOrder(r)}`,
                  r.until ? `${t('fields.until')} ${r.until}` : null,
                  r.reasonName,
                  r.recoveredBy,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              {handles && open ? actions(r) : null}
            </Flex>
          ),
        },
      ];
    return [
      {
        key: 'customerName',
        title: t('fields.customer'),
        alwaysVisible: true,
        render: (r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
      },
      {
        key: 'risk',
        title: t('fields.risk'),
        sortable: true,
        width: 150,
        render: (r) => <RiskBar score={r.risk} />,
      },
      { key: 'ownerName', title: t('fields.owner'), render: (r) => r.ownerName ?? dash },
      {
        key: 'departmentName',
        title: t('fields.department'),
        defaultHidden: true,
        render: (r) => r.departmentName ?? dash,
      },
      {
        key: 'lastOrderAt',
        title: t('fields.lastOrderAt'),
        render: (r) =>
          r.lastOrderAt ? formatDateTime(r.lastOrderAt).slice(0, 10) : t('fields.neverOrdered'),
      },
      ...(status === 'warning' || status === 'delayed'
        ? [
            {
              key: 'delays',
              title: t('fields.delays'),
              align: 'center' as const,
              render: (r: ChurnRecord) => `${r.delays} / ${r.maxDelays}`,
            },
          ]
        : []),
      ...(status === 'delayed'
        ? [
            { key: 'until', title: t('fields.until'), render: (r: ChurnRecord) => r.until ?? '' },
            {
              key: 'measures',
              title: t('fields.measures'),
              ellipsis: true,
              width: 240,
              render: (r: ChurnRecord) => (
                <Typography.Text ellipsis={{ tooltip: r.measures }}>{r.measures}</Typography.Text>
              ),
            },
          ]
        : []),
      ...(status === 'confirmed'
        ? [{ key: 'reasonName', title: t('fields.reason'), render: (r: ChurnRecord) => r.reasonName ?? '' }]
        : []),
      ...(status === 'recovered'
        ? [
            {
              key: 'recoveredBy',
              title: t('fields.recoveredBy'),
              render: (r: ChurnRecord) => r.recoveredBy ?? '',
            },
          ]
        : []),
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        defaultHidden: open,
        render: (r) => formatDateTime(r.createdAt),
      },
      ...(handles && open
        ? [
            {
              key: 'actions',
              title: '',
              alwaysVisible: true,
              render: actions,
            },
          ]
        : []),
    ];
  }, [t, status, handles, open, isPhone]);

  const runNow = async () => {
    try {
      const r = await run.mutateAsync();
      message.success(t('ran', r));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('churn:admin') ? (
            <Flex gap={8} wrap>
              <Button
                icon={<SyncOutlined aria-hidden />}
                loading={run.isPending}
                onClick={() => void runNow()}
              >
                {t('actions.run')}
              </Button>
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => setSettingsOpen(true)}>
                {t('actions.settings')}
              </Button>
            </Flex>
          ) : null
        }
      />
      {settings.data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('intro', { months: settings.data.months })}
        </Typography.Paragraph>
      ) : null}
      <ListPage<ChurnRecord>
        key={status}
        queryKey={churnKeys.all}
        fetcher={fetchChurnRecords}
        columns={columns}
        rowKey={(r) => r.id}
        columnPreferenceKey={`columns.churn.${status}`}
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-risk"
        urlState={urlState}
        fixedParams={{ status }}
        expandable={{ expandedRowRender: (r) => <ChurnHistory id={r.id} /> }}
        toolbar={
          <Segmented
            value={status}
            onChange={(v) =>
              updateParams((p) => {
                p.set('status', v as string);
                p.delete('page');
                p.delete('cursor');
              })
            }
            options={churnStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          />
        }
      />
      <DelayDialog record={delaying} onClose={() => setDelaying(null)} />
      <ConfirmDialog record={confirming} onClose={() => setConfirming(null)} />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
