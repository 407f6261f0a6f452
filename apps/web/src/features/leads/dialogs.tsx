import './texts.ts';
import { type DuplicateMatch, type Lead, leadLimits, opportunityLimits } from '@guanxi/contract';
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, List, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { normaliseMoney } from '../customers/money.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useAssignLead, useConvertLead, useCreateLead, useSetLeadStatus, useUpdateLead } from './api.ts';
import { AssigneeSelect, CampaignSelect } from './pickers.tsx';

type LeadValues = {
  name: string;
  contactName?: string;
  mobile?: string;
  email?: string;
  source?: string | null;
  campaignId?: string | null;
  regionCode?: string;
  remark?: string;
  distribute?: boolean;
};

const blank = (v: string | null | undefined) => (v ? v : null);

/** 新建 / 编辑线索: a new one is the caller's unless given to the rules. */
export function LeadFormModal({
  lead,
  open,
  onClose,
  onSaved,
}: {
  lead: Lead | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (l: Lead) => void;
}) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreateLead();
  const update = useUpdateLead();
  const can = useCan();
  return (
    <FormModal<LeadValues>
      open={open}
      name="lead"
      title={lead ? t('actions.edit') : t('new')}
      initialValues={
        lead
          ? {
              name: lead.name,
              contactName: lead.contactName ?? undefined,
              mobile: lead.mobile ?? undefined,
              email: lead.email ?? undefined,
              source: lead.sourceId,
              campaignId: lead.campaignId,
              regionCode: lead.regionCode ?? undefined,
              remark: lead.remark ?? undefined,
            }
          : {}
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const values = {
          name: v.name,
          contactName: blank(v.contactName),
          mobile: blank(v.mobile),
          email: blank(v.email),
          source: v.source ?? null,
          campaignId: v.campaignId ?? null,
          regionCode: blank(v.regionCode),
          remark: blank(v.remark),
        };
        const saved = lead
          ? await update.mutateAsync({ id: lead.id, version: lead.version, ...values })
          : await create.mutateAsync({ ...values, distribute: v.distribute || undefined });
        if (!lead) message.success(t('created'));
        onSaved?.(saved);
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(), rules.maxLength(leadLimits.name)]}
      >
        <Input />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="contactName" label={t('fields.contactName')} style={{ flex: '1 1 160px' }}>
          <Input maxLength={leadLimits.contactName} />
        </Form.Item>
        <Form.Item name="mobile" label={t('fields.mobile')} style={{ flex: '1 1 160px' }}>
          <Input inputMode="tel" />
        </Form.Item>
      </Flex>
      <Form.Item name="email" label={t('fields.email')}>
        <Input inputMode="email" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="source" label={t('fields.source')} style={{ flex: '1 1 160px' }}>
          <DictionarySelect type="customer-source" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('fields.regionCode')} style={{ flex: '1 1 160px' }}>
          <Input inputMode="numeric" placeholder="440300" />
        </Form.Item>
      </Flex>
      {can('campaigns:view') ? (
        <Form.Item name="campaignId" label={t('fields.campaign')}>
          <CampaignSelect />
        </Form.Item>
      ) : null}
      <Form.Item name="remark" label={t('fields.remark')} rules={[rules.maxLength(leadLimits.remark)]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {lead ? null : (
        <Form.Item name="distribute" valuePropName="checked">
          <Checkbox>{t('fields.distribute')}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 分配: gives the lead to someone in my scope. */
export function AssignLeadModal({ lead, onClose }: { lead: Lead | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const rules = useFormRules();
  const assign = useAssignLead();
  return (
    <FormModal<{ userId: string }>
      open={!!lead}
      name="lead-assign"
      title={t('assign.title', { name: lead?.name ?? '' })}
      okText={t('actions.assign')}
      onCancel={onClose}
      onSubmit={async ({ userId }) => {
        if (!lead) return;
        const l = await assign.mutateAsync({ id: lead.id, userId });
        message.success(t('assigned', { name: l.ownerName ?? '' }));
        onClose();
      }}
    >
      <Form.Item name="userId" label={t('assign.user')} rules={[rules.required()]}>
        <AssigneeSelect />
      </Form.Item>
    </FormModal>
  );
}

/** 标记无效 with a reason (dictionary lead-disqualify-reason). */
export function DisqualifyModal({ lead, onClose }: { lead: Lead | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const rules = useFormRules();
  const setStatus = useSetLeadStatus();
  return (
    <FormModal<{ reasonId: string }>
      open={!!lead}
      name="lead-disqualify"
      title={t('disqualify.title', { name: lead?.name ?? '' })}
      okText={t('actions.disqualify')}
      danger
      onCancel={onClose}
      onSubmit={async ({ reasonId }) => {
        if (!lead) return;
        await setStatus.mutateAsync({ id: lead.id, status: 'disqualified', reasonId, version: lead.version });
        message.success(t('statusSaved'));
        onClose();
      }}
    >
      <Form.Item name="reasonId" label={t('disqualify.reason')} rules={[rules.required()]}>
        <DictionarySelect type="lead-disqualify-reason" />
      </Form.Item>
    </FormModal>
  );
}

type ConvertValues = {
  customerName: string;
  withContact: boolean;
  contactName?: string;
  withOpportunity?: boolean;
  opportunityTitle?: string;
  expectedAmount?: string;
  expectedCloseDate?: Dayjs;
};

/**
 * 转化: customer + contact in one step. When the customer already exists the server answers 409
 * DUPLICATE_CUSTOMER with the matches: the dialog lists them and offers to link the lead to one
 * the user sees (or to create it anyway, with the permission to).
 */
export function ConvertLeadModal({ lead, onClose }: { lead: Lead | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const rules = useFormRules();
  const convert = useConvertLead();
  const navigate = useNavigate();
  const can = useCan();
  const [form] = Form.useForm<ConvertValues>();
  const [matches, setMatches] = useState<DuplicateMatch[] | null>(null);
  const close = () => {
    setMatches(null);
    onClose();
  };
  const run = async (extra: { existingCustomerId?: string; force?: boolean }) => {
    if (!lead) return;
    const v = form.getFieldsValue(true) as ConvertValues;
    try {
      const r = await convert.mutateAsync({
        id: lead.id,
        ...(extra.existingCustomerId ? {} : { customer: { name: v.customerName } }),
        contact:
          v.withContact && v.contactName
            ? { name: v.contactName, mobile: lead.mobile, email: lead.email }
            : null,
        // the deal the lead was about, opened in the same step (销售机会)
        ...(v.withOpportunity
          ? {
              opportunity: {
                title: (v.opportunityTitle ?? '').trim(),
                expectedAmount: normaliseMoney(v.expectedAmount) ?? '',
                expectedCloseDate: (v.expectedCloseDate ?? dayjs().add(1, 'month')).format('YYYY-MM-DD'),
              },
            }
          : {}),
        ...extra,
      });
      message.success(t('convert.done'));
      close();
      navigate(`/customers/${r.customerId}`);
    } catch (e) {
      if (isApiError(e, 'DUPLICATE_CUSTOMER')) {
        const details = e.body.details as { matches?: DuplicateMatch[] } | undefined;
        setMatches(details?.matches ?? []);
        return;
      }
      throw e;
    }
  };
  return (
    <FormModal<ConvertValues>
      open={!!lead}
      form={form}
      name="lead-convert"
      title={t('convert.title', { name: lead?.name ?? '' })}
      okText={t('convert.ok')}
      width={560}
      intro={<Typography.Paragraph type="secondary">{t('convert.intro')}</Typography.Paragraph>}
      initialValues={{
        customerName: lead?.name,
        withContact: !!lead?.contactName,
        contactName: lead?.contactName ?? undefined,
        withOpportunity: false,
        opportunityTitle: lead?.name,
        expectedCloseDate: dayjs().add(1, 'month'),
      }}
      onCancel={close}
      onSubmit={() => run({})}
      after={
        matches ? (
          <Alert
            type="warning"
            showIcon
            title={t('convert.duplicate')}
            description={
              <List
                size="small"
                dataSource={matches}
                renderItem={(m) => (
                  <List.Item
                    actions={
                      m.id
                        ? [
                            <Button
                              key="link"
                              size="small"
                              type="primary"
                              onClick={() => void run({ existingCustomerId: m.id })}
                            >
                              {t('convert.linkTo')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={m.name}
                      description={
                        <>
                          {t('convert.matchedBy', {
                            fields: m.matchedBy.map((f) => t(`convert.matchFields.${f}`)).join('、'),
                          })}
                          {m.id ? null : ` ${t('convert.hidden', { owner: m.ownerName ?? '' })}`}
                        </>
                      }
                    />
                  </List.Item>
                )}
                footer={
                  can('customers:force_duplicate') ? (
                    <Button size="small" danger onClick={() => void run({ force: true })}>
                      {t('convert.force')}
                    </Button>
                  ) : null
                }
              />
            }
          />
        ) : null
      }
    >
      <Form.Item name="customerName" label={t('convert.customerName')} rules={[rules.required()]}>
        <Input />
      </Form.Item>
      <Form.Item name="withContact" valuePropName="checked">
        <Checkbox>{t('convert.withContact')}</Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={['withContact']}>
        {({ getFieldValue }) =>
          getFieldValue('withContact') ? (
            <Form.Item name="contactName" label={t('convert.contactName')} rules={[rules.required()]}>
              <Input />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      {can('opportunities:create') ? (
        <Form.Item name="withOpportunity" valuePropName="checked">
          <Checkbox>{t('convert.withOpportunity')}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item noStyle dependencies={['withOpportunity']}>
        {({ getFieldValue }) =>
          getFieldValue('withOpportunity') ? (
            <>
              <Form.Item
                name="opportunityTitle"
                label={t('convert.opportunityTitle')}
                rules={[rules.required(), rules.maxLength(opportunityLimits.title)]}
              >
                <Input />
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item
                  name="expectedAmount"
                  label={t('convert.expectedAmount')}
                  rules={[rules.required()]}
                  style={{ flex: '1 1 160px' }}
                >
                  <Input inputMode="decimal" prefix="¥" autoComplete="off" />
                </Form.Item>
                <Form.Item
                  name="expectedCloseDate"
                  label={t('convert.expectedCloseDate')}
                  rules={[rules.required()]}
                  style={{ flex: '1 1 160px' }}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Flex>
            </>
          ) : null
        }
      </Form.Item>
    </FormModal>
  );
}
