import './texts.ts';
import {
  type Contract,
  type CreateContract,
  contractLimits,
  type FileInfo,
  type UpdateContract,
} from '@guanxi/contract';
import { App, Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { normaliseMoney } from '../customers/money.ts';
import { PendingUploads } from '../files/pending-uploads.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { useCreateContract, useUpdateContract } from './api.ts';

/** A new contract, optionally of a customer or of an order (its customer, total and link). */
export type NewContract = {
  customerId?: string;
  customerName?: string;
  order?: { id: string; number: string; total: string };
};

type Props = {
  /** `new`, a contract to edit, or null when closed. */
  target: NewContract | Contract | null;
  onClose: () => void;
  onSaved?: (contract: Contract) => void;
};

type Values = {
  title?: string;
  customerId?: string;
  amount?: string;
  signedAt?: Dayjs | null;
  dates?: [Dayjs, Dayjs];
  ourCompany?: string;
  ourSignatory?: string;
  theirCompany?: string;
  theirSignatory?: string;
  terms?: string;
  ownerId?: string;
  /** A new contract's files, uploaded while the form is open. */
  files?: FileInfo[];
};

const half = { xs: 24, sm: 12 };
const isContract = (t: Props['target']): t is Contract => !!t && 'number' in t;

/** 新建 / 编辑合同 (a draft): customer, amount, dates, both parties, terms; a new one's files (附件) too. */
export function ContractDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const can = useCan();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateContract();
  const update = useUpdateContract();
  const editing = isContract(target) ? target : undefined;
  const fromOrder = target && !editing ? (target as NewContract).order : undefined;
  const customerLabel = editing?.customerName ?? (target && !editing ? target.customerName : undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        title: editing.title,
        customerId: editing.customerId,
        amount: editing.amount,
        signedAt: editing.signedAt ? dayjs(editing.signedAt) : null,
        dates: [dayjs(editing.startDate), dayjs(editing.endDate)],
        ourCompany: editing.ourCompany ?? undefined,
        ourSignatory: editing.ourSignatory ?? undefined,
        theirCompany: editing.theirCompany ?? undefined,
        theirSignatory: editing.theirSignatory ?? undefined,
        terms: editing.terms ?? undefined,
        ownerId: editing.ownerId,
      });
    else
      form.setFieldsValue({
        customerId: target.customerId,
        title: fromOrder ? t('fromOrderTitle', { number: fromOrder.number }) : undefined,
        amount: fromOrder?.total,
        theirCompany: target.customerName,
        ourCompany: me.tenant.name,
        signedAt: dayjs(),
        dates: [dayjs(), dayjs().add(1, 'year').subtract(1, 'day')],
        ownerId: me.user.id,
      });
  }, [target]);

  const submit = async (v: Values) => {
    const text = (s: string | undefined) => s?.trim() || null;
    const fields = {
      title: v.title!.trim(),
      customerId: v.customerId!,
      amount: normaliseMoney(v.amount)!,
      signedAt: v.signedAt ? v.signedAt.format('YYYY-MM-DD') : null,
      startDate: v.dates![0].format('YYYY-MM-DD'),
      endDate: v.dates![1].format('YYYY-MM-DD'),
      ourCompany: text(v.ourCompany),
      ourSignatory: text(v.ourSignatory),
      theirCompany: text(v.theirCompany),
      theirSignatory: text(v.theirSignatory),
      terms: text(v.terms),
      ownerId: v.ownerId,
    };
    try {
      let saved: Contract;
      if (editing) {
        const input: UpdateContract = { version: editing.version, ...fields };
        saved = await update.mutateAsync({ id: editing.id, ...input });
        message.success(tc('status.saved'));
      } else {
        const input: CreateContract = {
          ...fields,
          orderId: fromOrder?.id,
          fileIds: v.files?.map((f) => f.id),
        };
        saved = await create.mutateAsync(input);
        message.success(t('created'));
      }
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT') && !isApiError(e, 'INVALID_TRANSITION')) throw e;
      message.error(t('conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? `${t('editTitle')} · ${editing.number}` : t('createTitle')}
      width={720}
      name="contract-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('fields.title')}
            rules={[rules.required(), rules.maxLength(contractLimits.title)]}
          >
            <Input maxLength={contractLimits.title} />
          </Form.Item>
        </Col>
        {fromOrder ? (
          <Col span={24}>
            <Form.Item label={t('fields.order')}>
              <Typography.Text>{fromOrder.number}</Typography.Text>
            </Form.Item>
          </Col>
        ) : null}
        <Col {...half}>
          <Form.Item name="customerId" label={t('fields.customer')} rules={[rules.required()]}>
            <CustomerSelect
              // the order's customer: a contract of an order is the same customer's
              disabled={!!fromOrder}
              labelRender={(o) =>
                o.label ??
                (o.value === form.getFieldValue('customerId') ? customerLabel : undefined) ??
                String(o.value)
              }
              onChange={(_v, option) => {
                const label = (option as { label?: string } | undefined)?.label;
                if (label && !form.getFieldValue('theirCompany'))
                  form.setFieldValue('theirCompany', label.replace(/（.*）$/, ''));
              }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="amount" label={t('fields.amount')} rules={[rules.required()]}>
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="signedAt" label={t('fields.signedAt')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="dates" label={t('fields.dates')} rules={[rules.required()]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="ourCompany"
            label={t('fields.ourCompany')}
            rules={[rules.maxLength(contractLimits.party)]}
          >
            <Input maxLength={contractLimits.party} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="ourSignatory"
            label={t('fields.ourSignatory')}
            rules={[rules.maxLength(contractLimits.party)]}
          >
            <Input maxLength={contractLimits.party} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="theirCompany"
            label={t('fields.theirCompany')}
            rules={[rules.maxLength(contractLimits.party)]}
          >
            <Input maxLength={contractLimits.party} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="theirSignatory"
            label={t('fields.theirSignatory')}
            rules={[rules.maxLength(contractLimits.party)]}
          >
            <Input maxLength={contractLimits.party} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={t('fields.owner')} rules={[rules.required()]}>
            {can('users:view') ? (
              <UserSelect allowClear={false} currentLabel={editing?.ownerName ?? me.user.name} />
            ) : (
              <Input disabled value={editing?.ownerName ?? me.user.name} />
            )}
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="terms" label={t('fields.terms')} rules={[rules.maxLength(contractLimits.terms)]}>
            <Input.TextArea rows={5} maxLength={contractLimits.terms} />
          </Form.Item>
        </Col>
        {editing ? null : (
          // a saved contract's files are on its detail (附件); a new one's go up with the form
          <Col span={24}>
            <Form.Item name="files" label={t('fields.files')}>
              <PendingUploads />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormDrawer>
  );
}
