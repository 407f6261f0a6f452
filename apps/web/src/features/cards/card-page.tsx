import './texts.ts';
import type { CardEntry } from '@guanxi/contract';
import { App, Button, Descriptions, Flex, Form, Input, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { FormModal } from '../../components/form-modal.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { type CardAction, cardKeys, fetchLedger, useCard, useCardAction } from './api.ts';
import { CardStatusTag, EntryKindTag } from './labels.tsx';

const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
type MoneyDialog = 'recharge' | 'consume' | null;

/** 充值卡详情: status, balance, the ledger, and the actions the caller may take. */
export function CardPage() {
  const { t } = useTranslation('cards');
  const { number = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const card = useCard(number);
  const act = useCardAction(number);
  const [dialog, setDialog] = useState<MoneyDialog>(null);

  const run = async (action: CardAction) => {
    try {
      await act.mutateAsync({ action });
      message.success(t(`done.${action}`));
    } catch (e) {
      showError(e);
    }
  };
  const confirmRun = (action: CardAction) =>
    modal.confirm({
      title: t(`confirm.${action}`, { number }),
      okButtonProps: { danger: action === 'scrap' },
      onOk: () => run(action),
    });

  const columns = useMemo<ListColumn<CardEntry>[]>(
    () => [
      {
        key: 'createdAt',
        title: t('fields.at'),
        alwaysVisible: true,
        render: (e) => formatDateTime(e.createdAt),
      },
      {
        key: 'kind',
        title: t('fields.kind'),
        alwaysVisible: true,
        render: (e) => <EntryKindTag kind={e.kind} />,
      },
      {
        key: 'amount',
        title: t('fields.amount'),
        align: 'right',
        alwaysVisible: true,
        render: (e) => (e.amount.startsWith('-') ? e.amount : `+${e.amount}`),
      },
      { key: 'balanceAfter', title: t('fields.balanceAfter'), align: 'right', render: (e) => e.balanceAfter },
      ...(can('cards:use')
        ? [
            {
              key: 'actions',
              title: '',
              alwaysVisible: true,
              render: (e: CardEntry) =>
                e.kind === 'consume' ? <RefundButton number={number} entryId={e.id} /> : null,
            },
          ]
        : []),
    ],
    [t, can, number],
  );

  if (card.isPending) return <FullPageSpin />;
  if (card.isError) return <QueryError error={card.error} onRetry={() => void card.refetch()} />;
  const c = card.data;
  const usable = c.status === 'active';
  return (
    <>
      <PageHeader title={`${t('card')} ${c.number}`} onBack={() => navigate('/cards?tab=cards')} />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('fields.status')}>
          <CardStatusTag status={c.status} locked={c.locked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.balance')}>
          <strong>{c.balance}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.expiresAt')}>{c.expiresAt}</Descriptions.Item>
        <Descriptions.Item label={t('fields.channel')}>{c.channel ?? ''}</Descriptions.Item>
      </Descriptions>
      <Flex wrap gap="small" style={{ margin: '16px 0' }}>
        {can('cards:use') && c.status === 'issued' ? (
          <Button type="primary" onClick={() => confirmRun('activate')}>
            {t('actions.activate')}
          </Button>
        ) : null}
        {can('cards:use') && usable ? (
          <Space wrap>
            <Button type="primary" onClick={() => setDialog('consume')}>
              {t('actions.consume')}
            </Button>
            <Button onClick={() => setDialog('recharge')}>{t('actions.recharge')}</Button>
          </Space>
        ) : null}
        {can('cards:manage') && usable ? (
          <Button onClick={() => confirmRun('freeze')}>{t('actions.freeze')}</Button>
        ) : null}
        {can('cards:manage') && (c.status === 'frozen' || (usable && c.locked)) ? (
          <Button onClick={() => confirmRun('unfreeze')}>{t('actions.unfreeze')}</Button>
        ) : null}
        {can('cards:manage') && ['issued', 'active', 'frozen'].includes(c.status) ? (
          <Button danger onClick={() => confirmRun('scrap')}>
            {t('actions.scrap')}
          </Button>
        ) : null}
      </Flex>
      <ListPage<CardEntry>
        queryKey={cardKeys.ledger(number)}
        fetcher={fetchLedger(number)}
        columns={columns}
        rowKey={(e) => e.id}
        columnPreferenceKey="columns.cardLedger"
        searchable={false}
        emptyText={t('emptyLedger')}
      />
      <MoneyDialogModal
        kind={dialog}
        onClose={() => setDialog(null)}
        onSubmit={async (body) => {
          await act.mutateAsync({ action: dialog!, body });
          message.success(t(`done.${dialog!}`));
          setDialog(null);
        }}
      />
    </>
  );
}

type MoneyValues = { amount: string; secret?: string; storeDepartmentId?: string };

/** 充值 / 消费: a consumption carries the secret and a key made when the dialog opens (a retry consumes once). */
function MoneyDialogModal({
  kind,
  onClose,
  onSubmit,
}: {
  kind: MoneyDialog;
  onClose: () => void;
  onSubmit: (body: unknown) => Promise<void>;
}) {
  const { t } = useTranslation('cards');
  const me = useMe();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const consume = kind === 'consume';
  return (
    <FormModal<MoneyValues>
      open={kind !== null}
      name={`card-${kind ?? 'money'}`}
      title={kind ? t(`actions.${kind}`) : ''}
      initialValues={{ storeDepartmentId: me.user.departmentId }}
      onCancel={() => {
        setKey(crypto.randomUUID());
        onClose();
      }}
      onSubmit={async (v) => {
        await onSubmit(
          consume
            ? {
                amount: v.amount.trim(),
                secret: (v.secret ?? '').trim(),
                idempotencyKey: key,
                ...(v.storeDepartmentId ? { storeDepartmentId: v.storeDepartmentId } : {}),
              }
            : { amount: v.amount.trim() },
        );
        setKey(crypto.randomUUID());
      }}
    >
      <Form.Item
        name="amount"
        label={t('fields.amount')}
        rules={[{ required: true }, { pattern: MONEY, message: t('moneyInvalid') }]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      {consume ? (
        <>
          <Form.Item
            name="secret"
            label={t('fields.secret')}
            rules={[{ required: true, pattern: /^\d{1,32}$/ }]}
          >
            <Input.Password inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item name="storeDepartmentId" label={t('fields.store')}>
            <DepartmentTreeSelect fallbackLabel={t('myDepartment')} />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}

/** 退款 of a consume entry, confirmed (each consumption is refunded once). */
function RefundButton({ number, entryId }: { number: string; entryId: string }) {
  const { t } = useTranslation('cards');
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const act = useCardAction(number);
  return (
    <Button
      size="small"
      onClick={() =>
        modal.confirm({
          title: t('confirm.refund'),
          onOk: async () => {
            try {
              await act.mutateAsync({ action: 'refund', body: { entryId } });
              message.success(t('done.refund'));
            } catch (e) {
              showError(e);
            }
          },
        })
      }
    >
      {t('actions.refund')}
    </Button>
  );
}
