import './texts.ts';
import { MONEY_PATTERN, type Opportunity, opportunityLimits } from '@guanxi/contract';
import { App, Col, DatePicker, Form, Input, Row, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useCustomerContacts } from '../contacts/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { normaliseMoney } from '../customers/money.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { CampaignSelect } from '../leads/pickers.tsx';
import { ProductSelect } from '../products/labels.tsx';
import { useCreateOpportunity, useStages, useUpdateOpportunity } from './api.ts';

/** A new one (for a customer when opened from its 360 page), one to edit, or null when closed. */
export type OpportunityTarget = { new: { customerId?: string } } | Opportunity | null;

type Values = {
  kind: 'customer' | 'prospect';
  customerId?: string;
  prospectName?: string;
  title?: string;
  productId?: string | null;
  expectedAmount?: string;
  probability?: string;
  stageId?: string;
  expectedCloseDate?: Dayjs;
  contactId?: string | null;
  source?: string | null;
  campaignId?: string | null;
  description?: string;
};

const half = { xs: 24, sm: 12 };
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** The customer's contacts to pick from (none until a customer is chosen). */
function ContactSelect({
  customerId,
  ...props
}: {
  customerId: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const contacts = useCustomerContacts(customerId);
  return (
    <Select<string>
      allowClear
      loading={contacts.isPending}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={(contacts.data ?? []).map((c) => ({
        value: c.id,
        label: c.title ? `${c.name} · ${c.title}` : c.name,
      }))}
    />
  );
}

/** 新建 / 编辑销售机会: for a customer or a prospect; editing a stage here is kept in its history too. */
export function OpportunityDrawer({
  target,
  onClose,
  onSaved,
}: {
  target: OpportunityTarget;
  onClose: () => void;
  onSaved?: (o: Opportunity) => void;
}) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const stages = useStages();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();
  const editing = target && 'id' in target ? target : undefined;
  const kind = Form.useWatch('kind', form);
  const customerId = Form.useWatch('customerId', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        kind: editing.customerId ? 'customer' : 'prospect',
        customerId: editing.customerId ?? undefined,
        prospectName: editing.prospectName ?? undefined,
        title: editing.title,
        productId: editing.productId,
        expectedAmount: editing.expectedAmount,
        probability: editing.probability,
        stageId: editing.stageId,
        expectedCloseDate: dayjs(editing.expectedCloseDate),
        contactId: editing.contactId,
        source: editing.sourceId,
        campaignId: editing.campaignId,
        description: editing.description ?? undefined,
      });
    else if ('new' in target)
      form.setFieldsValue({
        kind: target.new.customerId || !can('customers:view') ? 'customer' : 'prospect',
        customerId: target.new.customerId,
        expectedCloseDate: dayjs().add(1, 'month'),
      });
  }, [target]);

  const moneyRule = {
    validator: (_: unknown, value: string | null | undefined) => {
      const v = normaliseMoney(value);
      return v && MONEY_PATTERN.test(v) && Number(v) > 0
        ? Promise.resolve()
        : Promise.reject(new Error(t('hints.amount')));
    },
  };
  const percentRule = {
    validator: (_: unknown, value: string | null | undefined) =>
      !value || (/^\d{1,3}(\.\d{1,2})?$/.test(value.trim()) && Number(value) <= 100)
        ? Promise.resolve()
        : Promise.reject(new Error(t('hints.percent'))),
  };

  const submit = async (v: Values) => {
    const common = {
      title: (v.title ?? '').trim(),
      productId: v.productId ?? null,
      expectedAmount: normaliseMoney(v.expectedAmount) ?? '',
      ...(blank(v.probability) ? { probability: blank(v.probability) as string } : {}),
      ...(v.stageId ? { stageId: v.stageId } : {}),
      expectedCloseDate: (v.expectedCloseDate ?? dayjs()).format('YYYY-MM-DD'),
      contactId: v.kind === 'customer' ? (v.contactId ?? null) : null,
      source: v.source ?? null,
      ...(can('campaigns:view') ? { campaignId: v.campaignId ?? null } : {}),
      description: blank(v.description),
      ...(editing?.customerId
        ? {}
        : v.kind === 'customer'
          ? { customerId: v.customerId }
          : { prospectName: (v.prospectName ?? '').trim() }),
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, version: editing.version, ...common })
        : await create.mutateAsync(common);
      message.success(editing ? tc('status.saved') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('pipeline.conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? `${t('actions.edit')} · ${editing.title}` : t('new')}
      width={640}
      name="opportunity-form"
      form={form}
      onSubmit={submit}
    >
      <Form.Item name="kind" label={t('fields.kind')} hidden={Boolean(editing?.customerId)}>
        <Segmented
          options={(['customer', 'prospect'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </Form.Item>
      {editing?.customerId ? (
        // a customer's deal stays with the customer (a merge moves it); the name is shown only
        <Form.Item label={t('fields.customer')}>
          <Input value={editing.customerName ?? ''} disabled />
        </Form.Item>
      ) : kind === 'prospect' ? (
        <Form.Item
          name="prospectName"
          label={t('fields.prospectName')}
          rules={[rules.required(), rules.maxLength(opportunityLimits.prospectName)]}
        >
          <Input maxLength={opportunityLimits.prospectName} />
        </Form.Item>
      ) : (
        <Form.Item name="customerId" label={t('fields.customer')} rules={[rules.required()]}>
          <CustomerSelect
            onChange={(v) => form.setFieldsValue({ customerId: v ?? undefined, contactId: null })}
          />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label={t('fields.title')}
        rules={[rules.required(), rules.maxLength(opportunityLimits.title)]}
      >
        <Input maxLength={opportunityLimits.title} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="expectedAmount"
            label={t('fields.expectedAmount')}
            rules={[rules.required(), moneyRule]}
          >
            <Input inputMode="decimal" prefix="¥" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="expectedCloseDate"
            label={t('fields.expectedCloseDate')}
            rules={[rules.required()]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stageId" label={t('fields.stage')}>
            <Select
              placeholder={stages.data?.[0]?.name}
              options={(stages.data ?? []).map((s) => ({
                value: s.id,
                label: `${s.name} · ${Number(s.probability)}%`,
              }))}
              onChange={(id) => {
                // a stage brings its default probability (what the server takes on a move); it may be typed over
                const stage = stages.data?.find((s) => s.id === id);
                if (stage) form.setFieldsValue({ probability: stage.probability });
              }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="probability"
            label={t('fields.probability')}
            extra={editing ? undefined : t('hints.probability')}
            rules={[percentRule]}
          >
            <Input inputMode="decimal" suffix="%" autoComplete="off" />
          </Form.Item>
        </Col>
        {can('products:view') ? (
          <Col {...half}>
            <Form.Item name="productId" label={t('fields.product')}>
              <ProductSelect
                known={
                  editing?.productId
                    ? { id: editing.productId, code: '', name: editing.productName ?? '' }
                    : null
                }
              />
            </Form.Item>
          </Col>
        ) : null}
        {kind === 'customer' && (customerId || editing?.customerId) ? (
          <Col {...half}>
            <Form.Item name="contactId" label={t('fields.contact')}>
              <ContactSelect customerId={(customerId ?? editing?.customerId) as string} />
            </Form.Item>
          </Col>
        ) : null}
        <Col {...half}>
          <Form.Item name="source" label={t('fields.source')}>
            <DictionarySelect type="customer-source" />
          </Form.Item>
        </Col>
        {can('campaigns:view') ? (
          <Col {...half}>
            <Form.Item name="campaignId" label={t('fields.campaign')}>
              <CampaignSelect />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.Item
        name="description"
        label={t('fields.description')}
        rules={[rules.maxLength(opportunityLimits.description)]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormDrawer>
  );
}
