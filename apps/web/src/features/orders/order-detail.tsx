import './texts.ts';
import '../quotes/texts.ts';
import { PrinterOutlined } from '@ant-design/icons';
import { type Order, type OrderStatus, orderTransitions } from '@guanxi/contract';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Modal,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { LinesTable } from '../quotes/sales-lines.tsx';
import { useOrder, useTransitionOrder, useWarehouses } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { OrderMoney } from './order-money.tsx';

type Props = { id: string | null; onClose: () => void };

/** The main road of an order (cancelled is a side exit). */
const road: OrderStatus[] = ['new', 'confirmed', 'paid', 'delivered', 'completed'];

/** 订单详情: the status steps with the moves allowed now, lines and totals, delivery, the status history. */
export function OrderDetail({ id, onClose }: Props) {
  const { t } = useTranslation('orders');
  const isPhone = useIsPhone();
  const order = useOrder(id);
  const o = order.data;

  const body = order.isError ? (
    isApiError(order.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={order.error} onRetry={() => void order.refetch()} />
    )
  ) : !o ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        direction={isPhone ? 'vertical' : 'horizontal'}
        current={o.status === 'cancelled' ? road.indexOf(lastOnRoad(o)) : road.indexOf(o.status)}
        status={o.status === 'cancelled' ? 'error' : o.status === 'completed' ? 'finish' : 'process'}
        items={road.map((s) => ({ title: t(`statuses.${s}`) }))}
      />
      <Moves o={o} />
      <Overview o={o} />
      <LinesTable lines={o.lines} totals={o} />
      <OrderMoney o={o} />
      <Flex vertical gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('detail.history')}
        </Typography.Title>
        <Timeline
          items={o.history.map((h, i) => ({
            key: i,
            color: h.to === 'cancelled' ? 'red' : 'blue',
            content: (
              <Flex vertical>
                <span>
                  {h.from ? `${t(`statuses.${h.from}`)} → ` : ''}
                  {t(`statuses.${h.to}`)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at)} · {h.userName ?? ''}
                  {h.note ? ` · ${h.note}` : ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Flex>
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={o ? `${o.number} · ${o.customerName}` : t('detail.title')}
      size={isPhone ? '100%' : 820}
      destroyOnHidden
      extra={
        o ? (
          <Link to={`/print/order/${o.id}`}>
            <Button icon={<PrinterOutlined aria-hidden />}>{t('detail.print')}</Button>
          </Link>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

/** The last state on the main road a cancelled order reached. */
const lastOnRoad = (o: Order): OrderStatus =>
  [...o.history].reverse().find((h) => h.to !== 'cancelled' && road.includes(h.to))?.to ?? 'new';

function Overview({ o }: { o: Order }) {
  const { t } = useTranslation('orders');
  const can = useCan();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'status', label: t('fields.status'), children: <OrderStatusTag status={o.status} /> },
        {
          key: 'customer',
          label: t('fields.customer'),
          children: can('customers:view') ? (
            <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
          ) : (
            o.customerName
          ),
        },
        { key: 'orderDate', label: t('fields.orderDate'), children: o.orderDate },
        ...(o.quoteId
          ? [
              {
                key: 'quote',
                label: t('fields.quote'),
                children: <Link to={`/quotes?id=${o.quoteId}`}>{o.quoteNumber}</Link>,
              },
            ]
          : []),
        { key: 'owner', label: t('fields.owner'), children: o.ownerName },
        { key: 'department', label: t('fields.department'), children: o.departmentName },
        ...(o.warehouseName
          ? [{ key: 'warehouse', label: t('fields.warehouse'), children: o.warehouseName }]
          : []),
        ...(o.notes
          ? [{ key: 'notes', label: t('fields.notes'), span: 'filled' as const, children: o.notes }]
          : []),
      ]}
    />
  );
}

/** Buttons for exactly the moves the server allows now; delivering asks for the warehouse. */
function Moves({ o }: { o: Order }) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const showError = useShowError();
  const transition = useTransitionOrder();
  const [delivering, setDelivering] = useState(false);
  const moves = o.allowedTransitions.filter((s) => orderTransitions[o.status].includes(s));
  if (!moves.length) return null;
  const go = (to: OrderStatus, warehouseId?: string) =>
    transition
      .mutateAsync({ id: o.id, version: o.version, to: to as 'confirmed', warehouseId })
      .then((after) => {
        message.success(t('moved', { status: t(`statuses.${after.status}`) }));
        setDelivering(false);
      });
  return (
    <Flex gap={8} wrap>
      {moves.map((to) =>
        to === 'cancelled' ? (
          <Popconfirm key={to} title={t('cancelConfirm')} onConfirm={() => go(to).catch((e) => showError(e))}>
            <Button danger>{t('moves.cancelled')}</Button>
          </Popconfirm>
        ) : to === 'delivered' ? (
          <Button key={to} type="primary" onClick={() => setDelivering(true)}>
            {t('moves.delivered')}
          </Button>
        ) : (
          <Button
            key={to}
            type="primary"
            loading={transition.isPending}
            onClick={() => void go(to).catch((e) => showError(e))}
          >
            {t(`moves.${to as 'confirmed' | 'paid' | 'completed'}`)}
          </Button>
        ),
      )}
      <DeliverModal
        open={delivering}
        onClose={() => setDelivering(false)}
        onDeliver={(w) => go('delivered', w)}
      />
    </Flex>
  );
}

function DeliverModal({
  open,
  onClose,
  onDeliver,
}: {
  open: boolean;
  onClose: () => void;
  onDeliver: (warehouseId: string | undefined) => Promise<void>;
}) {
  const { t } = useTranslation('orders');
  const showError = useShowError();
  const [form] = Form.useForm<{ warehouseId?: string }>();
  const warehouses = useWarehouses(open);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title={t('deliver.title')}
      onCancel={onClose}
      okText={t('moves.delivered')}
      confirmLoading={saving}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          setSaving(true);
          try {
            await onDeliver(v.warehouseId);
          } catch (e) {
            showError(e, form);
          } finally {
            setSaving(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical" name="deliver">
        <Form.Item
          name="warehouseId"
          label={t('deliver.warehouse')}
          // services leave no stock: the server says when goods need a warehouse (placed on the field)
          extra={t('deliver.hint')}
        >
          <Select
            allowClear
            loading={warehouses.isLoading}
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
