import './texts.ts';
import '../quotes/texts.ts';
import type { Order } from '@guanxi/contract';
import { App, Col, Form, Input, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { LinesEditor, type LineValues, previewTotals, TotalsBox } from '../quotes/sales-lines.tsx';
import { useCreateOrder } from './api.ts';

type Values = { customerId?: string; taxRate?: string; notes?: string; lines?: LineValues[] };

const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);

/** 新建订单 directly (without a quote): customer, tax rate, lines priced like a quote's. */
export function OrderDrawer({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (o: Order) => void;
}) {
  const { t } = useTranslation('orders');
  const { t: tq } = useTranslation('quotes');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrder();
  const customerId = Form.useWatch('customerId', form);
  const lines = Form.useWatch('lines', form);
  const taxRate = Form.useWatch('taxRate', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ taxRate: '13', lines: [{ quantity: '1' }] });
  }, [open, form]);

  const onSubmit = async (v: Values) => {
    const saved = await create.mutateAsync({
      customerId: v.customerId!,
      taxRate: blank(v.taxRate) ?? '0',
      notes: blank(v.notes) ?? null,
      lines: (v.lines ?? []).map((l) => ({
        productId: l.productId!,
        quantity: l.quantity!.trim(),
        unitPrice: blank(l.unitPrice),
        discountPercent: blank(l.discountPercent),
      })),
    });
    message.success(t('editor.saved'));
    onClose();
    onSaved(saved);
  };

  return (
    <FormDrawer<Values>
      open={open}
      title={t('editor.new')}
      width={860}
      onClose={onClose}
      name="order"
      form={form}
      onSubmit={onSubmit}
    >
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="customerId" label={t('fields.customer')} rules={[{ required: true }]}>
            <CustomerSelect aria-label={t('fields.customer')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="taxRate"
            label={t('fields.taxRate')}
            rules={[{ pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('fields.taxRate') }]}
          >
            <Input inputMode="decimal" suffix="%" />
          </Form.Item>
        </Col>
      </Row>
      <LinesEditor form={form} customerId={customerId} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 4 }}>
        {tq('editor.liveTotals')}
      </Typography.Paragraph>
      <TotalsBox totals={previewTotals(lines, taxRate)} />
      <Form.Item name="notes" label={t('fields.notes')} style={{ marginTop: 16 }}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
