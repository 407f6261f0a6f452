import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  lineAmount,
  MONEY_PATTERN,
  percentOf,
  QUANTITY_PATTERN,
  type SalesLine,
  sumMoney,
} from '@guanxi/contract';
import { Alert, Button, Descriptions, Flex, Form, type FormInstance, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { formatMoney } from '../customers/money.ts';
import { ProductSelect } from '../products/labels.tsx';
import { fetchProposedPrices } from './api.ts';

/** Lines and totals of a quote or an order (both answer the same shapes). */
export type SalesTotals = {
  taxRate: string;
  subtotal: string;
  tax: string;
  total: string;
  cost?: string | null;
  margin?: string | null;
};

const yuan = (v: string | null | undefined) => (v == null ? '—' : `¥${formatMoney(v)}`);

/** The lines as the server priced them, with cost and margin only when the answer carries them. */
export function LinesTable({ lines, totals }: { lines: SalesLine[]; totals: SalesTotals }) {
  const { t } = useTranslation('quotes');
  const isPhone = useIsPhone();
  const withCost = lines.some((l) => 'cost' in l);
  const withMargin = lines.some((l) => 'margin' in l);
  return (
    <Flex vertical gap={8}>
      <Table<SalesLine>
        size="small"
        pagination={false}
        rowKey="id"
        aria-label={t('lines.title')}
        dataSource={lines}
        scroll={isPhone ? { x: 560 } : undefined}
        columns={[
          {
            key: 'product',
            title: t('lines.product'),
            render: (_, l) => (
              <Flex vertical>
                <span>{l.productName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[l.productCode, l.model, l.spec].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'quantity',
            title: t('lines.quantity'),
            align: 'right',
            render: (_, l) => `${l.quantity}${l.unitName ? ` ${l.unitName}` : ''}`,
          },
          {
            key: 'unitPrice',
            title: t('lines.unitPrice'),
            align: 'right',
            render: (_, l) => formatMoney(l.unitPrice),
          },
          {
            key: 'discount',
            title: t('lines.discount'),
            align: 'right',
            render: (_, l) => l.discountPercent,
          },
          {
            key: 'amount',
            title: t('lines.amount'),
            align: 'right',
            render: (_, l) => formatMoney(l.amount),
          },
          ...(withCost
            ? [
                {
                  key: 'cost',
                  title: t('fields.cost'),
                  align: 'right' as const,
                  render: (_: unknown, l: SalesLine) => yuan(l.cost),
                },
              ]
            : []),
          ...(withMargin
            ? [
                {
                  key: 'margin',
                  title: t('fields.margin'),
                  align: 'right' as const,
                  render: (_: unknown, l: SalesLine) => yuan(l.margin),
                },
              ]
            : []),
        ]}
      />
      <TotalsBox totals={totals} />
    </Flex>
  );
}

/** 不含税金额 / 税额 / 合计 (and 成本 / 毛利 when present). */
export function TotalsBox({ totals }: { totals: SalesTotals }) {
  const { t } = useTranslation('quotes');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 3 }}
      items={[
        { key: 'subtotal', label: t('fields.subtotal'), children: yuan(totals.subtotal) },
        { key: 'tax', label: `${t('fields.tax')} (${totals.taxRate}%)`, children: yuan(totals.tax) },
        {
          key: 'total',
          label: t('fields.total'),
          children: <Typography.Text strong>{yuan(totals.total)}</Typography.Text>,
        },
        ...('cost' in totals ? [{ key: 'cost', label: t('fields.cost'), children: yuan(totals.cost) }] : []),
        ...('margin' in totals
          ? [{ key: 'margin', label: t('fields.margin'), children: yuan(totals.margin) }]
          : []),
      ]}
    />
  );
}

/** A line as the form holds it. */
export type LineValues = {
  productId?: string;
  quantity?: string;
  unitPrice?: string;
  discountPercent?: string;
};

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const isMoney = (v?: string) => !!v && MONEY_PATTERN.test(v.trim()) && !v.trim().startsWith('-');

/** The totals the form's lines come to — a preview with the contract's exact arithmetic; the server's answer is the truth. */
export function previewTotals(lines: LineValues[] | undefined, taxRate: string | undefined) {
  const amounts = (lines ?? []).flatMap((l) =>
    l &&
    QUANTITY_PATTERN.test(l.quantity?.trim() ?? '') &&
    isMoney(l.unitPrice) &&
    (!l.discountPercent || PERCENT.test(l.discountPercent))
      ? [lineAmount(l.quantity!.trim(), l.unitPrice!.trim(), l.discountPercent?.trim() || '0')]
      : [],
  );
  const subtotal = sumMoney(amounts);
  const rate = taxRate && PERCENT.test(taxRate.trim()) ? taxRate.trim() : '0';
  const tax = percentOf(subtotal, rate);
  return { subtotal, tax, total: sumMoney([subtotal, tax]), taxRate: rate };
}

/**
 * The lines of the quote / order form: a product picker (its unit price proposed by the customer's
 * price lists when left empty), quantity, unit price, discount, and the line's amount as previewed.
 */
export function LinesEditor<V extends { lines?: LineValues[] }>({
  form,
  customerId,
  threshold,
}: {
  form: FormInstance<V>;
  customerId?: string;
  /** Above it a warning says the quote needs an approval (quotes only). */
  threshold?: string;
}) {
  const { t } = useTranslation('quotes');
  const lines = Form.useWatch('lines', form) as LineValues[] | undefined;
  const over =
    threshold !== undefined &&
    (lines ?? []).some(
      (l) =>
        l?.discountPercent &&
        PERCENT.test(l.discountPercent) &&
        Number(l.discountPercent) > Number(threshold),
    );
  const propose = async (index: number, productId: string | undefined, listPrice?: string) => {
    if (!productId) return;
    const setPrice = (price: string) =>
      form.setFieldValue(['lines', index, 'unitPrice'] as never, price as never);
    if (listPrice) setPrice(listPrice);
    if (!customerId) return;
    try {
      const found = (await fetchProposedPrices(customerId, [productId])).data[0];
      if (found) setPrice(found.unitPrice);
    } catch {
      // the list price stays; the server prices an empty unit price itself
    }
  };
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('lines.title')}</Typography.Text>
      <Form.List
        name="lines"
        rules={[
          { validator: async (_, v) => (v?.length ? undefined : Promise.reject(new Error(t('lines.none')))) },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => {
              const l = lines?.[index];
              const amount = previewTotals(l ? [l] : [], '0').subtotal;
              return (
                <Flex
                  key={field.key}
                  gap={8}
                  wrap
                  align="flex-start"
                  role="group"
                  aria-label={`${t('lines.title')} ${index + 1}`}
                >
                  <Form.Item
                    name={[field.name, 'productId']}
                    rules={[{ required: true, message: t('lines.product') }]}
                    style={{ flex: '1 1 220px', marginBottom: 0 }}
                  >
                    <ProductSelect
                      aria-label={t('lines.product')}
                      onPick={(p) => void propose(index, p?.id, p?.listPrice)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    rules={[{ required: true, pattern: QUANTITY_PATTERN, message: t('lines.quantity') }]}
                    style={{ width: 90, marginBottom: 0 }}
                  >
                    <Input
                      aria-label={t('lines.quantity')}
                      placeholder={t('lines.quantity')}
                      inputMode="decimal"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitPrice']}
                    rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('lines.unitPrice') }]}
                    style={{ width: 120, marginBottom: 0 }}
                  >
                    <Input
                      aria-label={t('lines.unitPrice')}
                      placeholder={t('lines.unitPrice')}
                      inputMode="decimal"
                      prefix="¥"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'discountPercent']}
                    rules={[{ pattern: PERCENT, message: t('lines.discount') }]}
                    style={{ width: 100, marginBottom: 0 }}
                  >
                    <Input
                      aria-label={t('lines.discount')}
                      placeholder={t('lines.discount')}
                      inputMode="decimal"
                      suffix="%"
                    />
                  </Form.Item>
                  <Typography.Text
                    style={{ minWidth: 90, textAlign: 'right', lineHeight: '32px' }}
                    aria-label={t('lines.amount')}
                  >
                    ¥{formatMoney(amount)}
                  </Typography.Text>
                  <Button
                    type="text"
                    danger
                    aria-label={t('lines.remove')}
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ quantity: '1' })}>
              {t('lines.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
      {over ? <Alert type="warning" showIcon title={t('editor.discountWarning', { threshold })} /> : null}
    </Flex>
  );
}
