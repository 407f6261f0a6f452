import './texts.ts';
import {
  type Invoice,
  type InvoiceType,
  invoiceTypes,
  type PaymentPlan,
  receivableLimits,
} from '@guanxi/contract';
import { App, Checkbox, DatePicker, Form, type FormInstance, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { formatMoney, normaliseMoney } from '../customers/money.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import {
  type DocumentRef,
  useCreateInvoice,
  useCreatePayment,
  useCreatePlan,
  useDecideInvoice,
  useIssueInvoice,
  useUpdatePlan,
} from './api.ts';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * Fills a dialog's form with what it proposes each time it opens — the figures as they are then
 * (antd's `initialValues` are read once per form instance, so a second opening kept the first's).
 */
function useOpenedWith<V>(form: FormInstance<V>, open: boolean, values: Partial<V>) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when it opens
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    }
  }, [open]);
}

/** The money a dialog may go up to, under its amount field. */
function Limit({ amount }: { amount: string }) {
  const { t } = useTranslation('receivables');
  return <Typography.Text type="secondary">{t('max', { amount: formatMoney(amount) })}</Typography.Text>;
}

type PlanValues = { dueDate: Dayjs; amount: string; note?: string };

/** 新增 / 修改回款计划: due date and amount (the plans together within the document's amount). */
export function PlanDialog({
  open,
  doc,
  plan,
  unplanned,
  onClose,
}: {
  open: boolean;
  doc: DocumentRef;
  /** The plan to change; absent: a new one. */
  plan?: PaymentPlan | null;
  /** What no plan covers yet (the default amount of a new plan). */
  unplanned: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const [form] = Form.useForm<PlanValues>();
  useOpenedWith(
    form,
    open,
    plan
      ? { dueDate: dayjs(plan.dueDate), amount: plan.amount, note: plan.note ?? undefined }
      : { dueDate: dayjs().add(30, 'day'), amount: unplanned === '0.00' ? undefined : unplanned },
  );
  return (
    <FormModal<PlanValues>
      open={open}
      form={form}
      name="payment-plan-form"
      title={plan ? t('planEditTitle') : t('planTitle')}
      onCancel={onClose}
      onSubmit={async (v) => {
        const fields = {
          dueDate: day(v.dueDate),
          amount: normaliseMoney(v.amount)!,
          note: v.note?.trim() || null,
        };
        if (plan) await update.mutateAsync({ id: plan.id, version: plan.version, ...fields });
        else await create.mutateAsync({ ...doc, ...fields });
        message.success(t('planSaved'));
        onClose();
      }}
    >
      <Form.Item name="dueDate" label={t('fields.dueDate')} rules={[rules.required()]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('fields.amount')}
        rules={[rules.required()]}
        extra={plan ? undefined : <Limit amount={unplanned} />}
      >
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item name="note" label={t('fields.note')} rules={[rules.maxLength(receivableLimits.note)]}>
        <Input maxLength={receivableLimits.note} />
      </Form.Item>
    </FormModal>
  );
}

type PaymentValues = {
  amount: string;
  paidAt: Dayjs;
  method: string;
  payer?: string;
  planId?: string;
  prepayment?: boolean;
  note?: string;
};

/** 登记回款: amount, date, method, payer; allocated to a plan or automatically; a prepayment may exceed what is left. */
export function PaymentDialog({
  open,
  doc,
  plans,
  outstanding,
  planId,
  onClose,
}: {
  open: boolean;
  doc: DocumentRef;
  plans: PaymentPlan[];
  outstanding: string;
  /** A plan chosen beforehand (its row's 登记回款). */
  planId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreatePayment();
  const open_ = plans.filter((p) => p.status !== 'paid');
  const chosen = planId ? plans.find((p) => p.id === planId) : undefined;
  const [form] = Form.useForm<PaymentValues>();
  useOpenedWith(form, open, {
    paidAt: dayjs(),
    planId: planId ?? undefined,
    amount: chosen ? chosen.outstanding : outstanding === '0.00' ? undefined : outstanding,
  });
  return (
    <FormModal<PaymentValues>
      open={open}
      form={form}
      name="payment-form"
      title={t('paymentTitle')}
      onCancel={onClose}
      onSubmit={async (v) => {
        const saved = await create.mutateAsync({
          ...doc,
          amount: normaliseMoney(v.amount)!,
          paidAt: day(v.paidAt),
          method: v.method,
          payer: v.payer?.trim() || null,
          planId: v.planId ?? null,
          prepayment: Boolean(v.prepayment),
          note: v.note?.trim() || null,
        });
        message.success(saved.status === 'pending' ? t('paymentPending') : t('paymentSaved'));
        onClose();
      }}
    >
      <Form.Item
        name="amount"
        label={t('fields.amount')}
        rules={[rules.required()]}
        extra={<Limit amount={outstanding} />}
      >
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item name="paidAt" label={t('fields.paidAt')} rules={[rules.required()]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item name="method" label={t('fields.method')} rules={[rules.required()]}>
        <DictionarySelect type="payment-method" />
      </Form.Item>
      <Form.Item name="payer" label={t('fields.payer')} rules={[rules.maxLength(receivableLimits.payer)]}>
        <Input maxLength={receivableLimits.payer} />
      </Form.Item>
      {open_.length ? (
        <Form.Item name="planId" label={t('fields.plan')}>
          <Select
            allowClear
            placeholder={t('fields.planAuto')}
            options={open_.map((p) => ({
              value: p.id,
              label: `${t('fields.instalmentN', { n: p.instalment })} · ${p.dueDate} · ${formatMoney(p.outstanding)}`,
            }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="prepayment" valuePropName="checked" extra={t('fields.prepaymentHelp')}>
        <Checkbox>{t('fields.prepayment')}</Checkbox>
      </Form.Item>
      <Form.Item name="note" label={t('fields.note')} rules={[rules.maxLength(receivableLimits.note)]}>
        <Input maxLength={receivableLimits.note} />
      </Form.Item>
    </FormModal>
  );
}

type InvoiceValues = { amount: string; title: string; taxNumber?: string; type: InvoiceType; note?: string };

/** 申请开票: title, tax number (专票 needs it), type, amount within what is invoiceable. */
export function InvoiceDialog({
  open,
  doc,
  invoiceable,
  defaultTitle,
  onClose,
}: {
  open: boolean;
  doc: DocumentRef;
  invoiceable: string;
  defaultTitle?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreateInvoice();
  const [form] = Form.useForm<InvoiceValues>();
  const type = Form.useWatch('type', form);
  useOpenedWith(form, open, {
    type: 'normal',
    title: defaultTitle,
    amount: invoiceable === '0.00' ? undefined : invoiceable,
  });
  return (
    <FormModal<InvoiceValues>
      open={open}
      form={form}
      name="invoice-form"
      title={t('invoiceTitle')}
      onCancel={onClose}
      onSubmit={async (v) => {
        await create.mutateAsync({
          ...doc,
          amount: normaliseMoney(v.amount)!,
          title: v.title.trim(),
          taxNumber: v.taxNumber?.trim() || null,
          type: v.type,
          note: v.note?.trim() || null,
        });
        message.success(t('invoiceSaved'));
        onClose();
      }}
    >
      <Form.Item name="type" label={t('fields.type')} rules={[rules.required()]}>
        <Radio.Group
          optionType="button"
          options={invoiceTypes.map((v) => ({ value: v, label: t(`invoiceTypes.${v}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('fields.invoiceTitle')}
        rules={[rules.required(), rules.maxLength(receivableLimits.invoiceTitle)]}
      >
        <Input maxLength={receivableLimits.invoiceTitle} />
      </Form.Item>
      <Form.Item
        name="taxNumber"
        label={t('fields.taxNumber')}
        rules={[
          ...(type === 'special' ? [rules.required()] : []),
          rules.maxLength(receivableLimits.taxNumber),
        ]}
      >
        <Input maxLength={receivableLimits.taxNumber} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('fields.amount')}
        rules={[rules.required()]}
        extra={<Limit amount={invoiceable} />}
      >
        <Input inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item name="note" label={t('fields.note')} rules={[rules.maxLength(receivableLimits.note)]}>
        <Input maxLength={receivableLimits.note} />
      </Form.Item>
    </FormModal>
  );
}

/** 驳回: the reason is required. */
export function RejectInvoiceDialog({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const rules = useFormRules();
  const decide = useDecideInvoice();
  return (
    <FormModal<{ reason: string }>
      open={!!invoice}
      name="invoice-reject-form"
      title={t('rejectTitle')}
      danger
      okText={t('actions.reject')}
      onCancel={onClose}
      onSubmit={async (v) => {
        await decide.mutateAsync({
          id: invoice!.id,
          version: invoice!.version,
          decision: 'reject',
          reason: v.reason.trim(),
        });
        message.success(t('rejected'));
        onClose();
      }}
    >
      <Form.Item
        name="reason"
        label={t('fields.rejectReason')}
        rules={[rules.required(), rules.maxLength(receivableLimits.reason)]}
      >
        <Input.TextArea rows={3} maxLength={receivableLimits.reason} />
      </Form.Item>
    </FormModal>
  );
}

/** 开具发票: the invoice's number and date. */
export function IssueInvoiceDialog({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const rules = useFormRules();
  const issue = useIssueInvoice();
  return (
    <FormModal<{ invoiceNumber: string; issuedOn: Dayjs }>
      open={!!invoice}
      name="invoice-issue-form"
      title={t('issueTitle')}
      okText={t('actions.issue')}
      initialValues={{ issuedOn: dayjs() }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await issue.mutateAsync({
          id: invoice!.id,
          version: invoice!.version,
          invoiceNumber: v.invoiceNumber.trim(),
          issuedOn: day(v.issuedOn),
        });
        message.success(t('issued'));
        onClose();
      }}
    >
      <Form.Item
        name="invoiceNumber"
        label={t('fields.invoiceNumber')}
        rules={[rules.required(), rules.maxLength(receivableLimits.invoiceNumber)]}
      >
        <Input maxLength={receivableLimits.invoiceNumber} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('fields.issuedOn')} rules={[rules.required()]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}
