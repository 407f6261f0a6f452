import './texts.ts';
import { type CreateStockMove, inventoryLimits, type StockMoveKind, stockMoveKinds } from '@guanxi/contract';
import { App, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { type ProductOption, ProductSelect } from '../products/labels.tsx';
import { useProductStock, useRecordMove, useWarehouses } from './api.ts';

export type MoveTarget = { product?: ProductOption; kind?: StockMoveKind; warehouseId?: string };

type Values = {
  kind: StockMoveKind;
  productId?: string;
  warehouseId?: string;
  toWarehouseId?: string;
  locationId?: string;
  quantity?: string;
  note?: string;
};

const QUANTITY = /^\d{1,12}(\.\d{1,3})?$/;
const SIGNED = /^-?\d{1,12}(\.\d{1,3})?$/;
const ZERO = /^-?0*(\.0*)?$/;

/**
 * 出入库: 入库 / 出库 / 调拨 / 盘点调整 of one product, as a ledger entry. The product's stock per
 * warehouse is shown while choosing; a move the stock cannot cover is refused by the server
 * (库存不足), said on the quantity with what the warehouse holds, and nothing is written.
 */
export function MoveDialog({ target, onClose }: { target: MoveTarget | null; onClose: () => void }) {
  const { t } = useTranslation('inventory');
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const record = useRecordMove();
  const warehouses = useWarehouses();
  const kind = (Form.useWatch('kind', form) as StockMoveKind | undefined) ?? target?.kind ?? 'in';
  const productId = Form.useWatch('productId', form) as string | undefined;
  const warehouseId = Form.useWatch('warehouseId', form) as string | undefined;
  const stock = useProductStock(productId);
  const active = (warehouses.data ?? []).filter((w) => w.status === 'active');
  const held = (id: string) => stock.data?.find((s) => s.warehouseId === id)?.quantity ?? '0';
  const warehouseOptions = active.map((w) => ({ value: w.id, label: w.name }));
  const locations = active.find((w) => w.id === warehouseId)?.locations ?? [];

  const submit = async (v: Values) => {
    const input: CreateStockMove = {
      kind: v.kind,
      productId: v.productId!,
      warehouseId: v.warehouseId!,
      quantity: (v.quantity ?? '').trim(),
      ...(v.kind === 'transfer' ? { toWarehouseId: v.toWarehouseId } : {}),
      ...(v.locationId ? { locationId: v.locationId } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    try {
      await record.mutateAsync(input);
    } catch (e) {
      if (isApiError(e, 'INSUFFICIENT_STOCK')) {
        const details = e.body.details as { warehouseId?: string; available?: string } | undefined;
        const warehouse = active.find((w) => w.id === details?.warehouseId)?.name ?? '';
        form.setFields([
          { name: 'quantity', errors: [t('short', { warehouse, available: details?.available ?? '0' })] },
        ]);
      }
      throw e; // the dialog says the server's message and stays open
    }
    message.success(t('moved'));
    onClose();
  };

  return (
    <FormModal<Values>
      open={!!target}
      title={target?.product ? t('moveFor', { name: target.product.name }) : t('move')}
      name="stock-move"
      form={form}
      initialValues={{
        kind: target?.kind ?? 'in',
        productId: target?.product?.id,
        warehouseId: target?.warehouseId ?? (active.length === 1 ? active[0].id : undefined),
      }}
      onSubmit={submit}
      onCancel={onClose}
      onValuesChange={(changed) => {
        // another warehouse has other locations
        if ('warehouseId' in changed) form.setFieldValue('locationId', undefined);
      }}
    >
      <Form.Item name="kind" label={t('fields.kind')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={stockMoveKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="productId" label={t('fields.product')} rules={[rules.required()]}>
        <ProductSelect known={target?.product} allowClear={false} />
      </Form.Item>
      <Form.Item
        name="warehouseId"
        label={kind === 'transfer' ? t('fields.fromWarehouse') : t('fields.warehouse')}
        rules={[rules.required()]}
      >
        <Select options={warehouseOptions} loading={warehouses.isPending} />
      </Form.Item>
      {kind === 'transfer' ? (
        <Form.Item
          name="toWarehouseId"
          label={t('fields.toWarehouse')}
          dependencies={['warehouseId']}
          rules={[rules.required()]}
        >
          <Select options={warehouseOptions.filter((w) => w.value !== warehouseId)} />
        </Form.Item>
      ) : null}
      {locations.length ? (
        <Form.Item name="locationId" label={t('fields.location')}>
          <Select
            allowClear
            options={locations.map((l) => ({ value: l.id, label: `${l.code} ${l.name}` }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="quantity"
        label={kind === 'adjust' ? t('fields.adjustQuantity') : t('fields.quantity')}
        extra={
          <>
            {kind === 'adjust' ? t('hints.adjust') : t('hints.quantity')}
            {productId && warehouseId ? (
              <Typography.Text type="secondary">
                {' · '}
                {t('hints.available', { quantity: held(warehouseId) })}
              </Typography.Text>
            ) : null}
          </>
        }
        rules={[
          rules.required(),
          {
            validator: (_, value: string | undefined) => {
              const v = (value ?? '').trim();
              const ok = (kind === 'adjust' ? SIGNED : QUANTITY).test(v) && !ZERO.test(v);
              return !v || ok
                ? Promise.resolve()
                : Promise.reject(new Error(t(kind === 'adjust' ? 'hints.adjust' : 'hints.quantity')));
            },
          },
        ]}
      >
        <Input inputMode="decimal" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="note"
        label={kind === 'adjust' ? t('fields.reason') : t('fields.note')}
        rules={
          kind === 'adjust'
            ? [rules.required(), rules.maxLength(inventoryLimits.note)]
            : [rules.maxLength(inventoryLimits.note)]
        }
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={inventoryLimits.note} />
      </Form.Item>
    </FormModal>
  );
}
