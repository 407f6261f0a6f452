import './texts.ts';
import type { ListResponse, Opportunity, Quote } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useCan } from '../../lib/access.ts';
import { api } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useQuoteSettings, useSaveQuote } from './api.ts';
import { LinesEditor, type LineValues, previewTotals, TotalsBox } from './sales-lines.tsx';

type Props = {
  /** `new` (optionally for a customer), a quote to edit, or null when closed. */
  target: 'new' | { customerId: string; customerName: string } | Quote | null;
  onClose: () => void;
  onSaved?: (quote: Quote) => void;
};

type Values = {
  customerId?: string;
  opportunityId?: string | null;
  validUntil?: Dayjs;
  taxRate?: string;
  notes?: string;
  lines?: LineValues[];
};

const half = { xs: 24, sm: 12 };
const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);

/** 新建 / 编辑报价单: customer, validity, tax rate, lines with a live (display-only) total. */
export function QuoteDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('quotes');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveQuote();
  const settings = useQuoteSettings();
  const can = useCan();
  const editing = target && typeof target === 'object' && 'id' in target ? target : undefined;
  const customerId = Form.useWatch('customerId', form);
  // an edited quote keeps its customer; one made from the customer's page is for that customer
  const fixedCustomer = editing
    ? editing.customerName
    : target && target !== 'new' && 'customerName' in target
      ? target.customerName
      : null;
  const lines = Form.useWatch('lines', form);
  const taxRate = Form.useWatch('taxRate', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        customerId: editing.customerId,
        opportunityId: editing.opportunityId,
        validUntil: dayjs(editing.validUntil),
        taxRate: editing.taxRate,
        notes: editing.notes ?? undefined,
        lines: editing.lines.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPercent: l.discountPercent === '0' ? undefined : l.discountPercent,
        })),
      });
    else
      form.setFieldsValue({
        customerId: target !== 'new' && 'customerId' in target ? target.customerId : undefined,
        validUntil: dayjs().add(30, 'day'),
        taxRate: '13',
        lines: [{ quantity: '1' }],
      });
  }, [target, editing, form]);

  const onSubmit = async (v: Values) => {
    const body = {
      customerId: v.customerId!,
      opportunityId: v.opportunityId ?? null,
      validUntil: v.validUntil!.format('YYYY-MM-DD'),
      taxRate: blank(v.taxRate) ?? '0',
      notes: blank(v.notes) ?? null,
      lines: (v.lines ?? []).map((l) => ({
        productId: l.productId!,
        quantity: l.quantity!.trim(),
        unitPrice: blank(l.unitPrice),
        discountPercent: blank(l.discountPercent),
      })),
    };
    const saved = await save.mutateAsync(
      editing ? { id: editing.id, version: editing.version, ...body } : body,
    );
    message.success(t('editor.saved'));
    onClose();
    onSaved?.(saved);
  };

  const preview = previewTotals(lines, taxRate);
  return (
    <FormDrawer<Values>
      open={!!target}
      title={editing ? t('editor.edit', { number: editing.number }) : t('editor.new')}
      width={860}
      onClose={onClose}
      name="quote"
      form={form}
      onSubmit={onSubmit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="customerId" label={t('fields.customer')} rules={[{ required: true }]}>
            {fixedCustomer ? (
              <Typography.Text>{fixedCustomer}</Typography.Text>
            ) : (
              <CustomerSelect aria-label={t('fields.customer')} />
            )}
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="validUntil" label={t('fields.validUntil')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item
            name="taxRate"
            label={t('fields.taxRate')}
            rules={[{ pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('fields.taxRate') }]}
          >
            <Input inputMode="decimal" suffix="%" />
          </Form.Item>
        </Col>
      </Row>
      {can('opportunities:view') ? (
        <Form.Item name="opportunityId" label={t('fields.opportunity')}>
          <OpportunitySelect customerId={customerId} known={editing} />
        </Form.Item>
      ) : null}
      <LinesEditor form={form} customerId={customerId} threshold={settings.data?.discountThreshold} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 4 }}>
        {t('editor.liveTotals')}
      </Typography.Paragraph>
      <TotalsBox totals={preview} />
      <Form.Item name="notes" label={t('fields.notes')} style={{ marginTop: 16 }}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}

/** The customer's open (and won) opportunities, for the quote's link (销售机会). */
function OpportunitySelect({
  customerId,
  known,
  ...props
}: {
  customerId?: string;
  known?: Quote;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation('quotes');
  const { data, isFetching } = useQuery({
    queryKey: ['opportunities', 'for-quote', customerId],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Opportunity>>('/opportunities', { customerId, page: 1, pageSize: 50 }, signal),
    enabled: !!customerId,
  });
  const rows = (data?.data ?? []).filter((o) => o.status !== 'lost');
  const options = rows.map((o) => ({ value: o.id, label: o.title }));
  if (known?.opportunityId && !rows.some((o) => o.id === known.opportunityId))
    options.unshift({ value: known.opportunityId, label: known.opportunityTitle ?? '' });
  return (
    <Select
      allowClear
      aria-label={t('fields.opportunity')}
      loading={isFetching}
      disabled={!customerId}
      options={options}
      {...props}
      onChange={(v) => props.onChange?.(v ?? null)}
    />
  );
}
