import './texts.ts';
import {
  type CreateFollowUp,
  type FollowUp,
  type FollowUpDraft,
  followUpAttitudes,
  followUpLimits,
  type UpdateFollowUp,
} from '@guanxi/contract';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { isApiError } from '../../lib/api.ts';
import { useCustomerContacts } from '../contacts/api.ts';
import { CustomFieldsFormItems } from '../custom-fields/custom-fields-form-items.tsx';
import { type CustomValues, customChanges, customForCreate } from '../custom-fields/custom-values.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCreateFollowUp, useUpdateFollowUp } from './api.ts';

/** What a new follow-up starts from: its customer (fixed on its 360 page), or a completed plan's draft. */
export type FollowUpStart = {
  customerId?: string;
  customerName?: string | null;
  /** From a completed call or visit plan (日程). */
  draft?: FollowUpDraft;
};

type Props = {
  /** A new one (with what it starts from), one to edit, or null when closed. */
  target: { new: FollowUpStart } | FollowUp | null;
  onClose: () => void;
  onSaved?: (f: FollowUp) => void;
};

type Values = {
  customerId?: string;
  contactId?: string | null;
  type?: string;
  occurredAt?: Dayjs;
  topic?: string | null;
  stage?: string | null;
  attitude?: FollowUp['attitude'];
  content?: string;
  nextFollowUpAt?: Dayjs | null;
  custom?: CustomValues;
};

const half = { xs: 24, sm: 12 };
const FORMAT = 'YYYY-MM-DD HH:mm';
/** The seeded follow-up types a completed plan's kind stands for (by their names in either language). */
const draftTypeNames = { phone: ['电话', 'Phone call'], visit: ['上门拜访', 'On-site visit'] };

/** 写跟进 / 编辑跟进记录: the shared form drawer; a next date puts a to-do in the owner's calendar. */
export function FollowUpDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('followUps');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateFollowUp();
  const update = useUpdateFollowUp();
  const types = useDictionaryItems('follow-up-type');
  const editing = target && !('new' in target) ? target : undefined;
  const start = target && 'new' in target ? target.new : undefined;
  const fixedCustomer = editing
    ? { id: editing.customerId, name: editing.customerName }
    : start?.customerId || start?.draft
      ? {
          id: start.customerId ?? start.draft!.customerId,
          name: start.customerName ?? start.draft?.customerName ?? '',
        }
      : undefined;
  const customerId = Form.useWatch('customerId', form) ?? fixedCustomer?.id;
  const contacts = useCustomerContacts(customerId ?? '');

  // the draft's kind names a follow-up type once the dictionary is there
  const draftType = start?.draft
    ? types.data?.find((i) => draftTypeNames[start.draft!.type].includes(i.name) && i.valid)?.id
    : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target (or the draft's type) changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        customerId: editing.customerId,
        contactId: editing.contactId,
        type: editing.type,
        occurredAt: dayjs(editing.occurredAt),
        topic: editing.topic,
        stage: editing.stage,
        attitude: editing.attitude,
        content: editing.content,
        nextFollowUpAt: editing.nextFollowUpAt ? dayjs(editing.nextFollowUpAt) : null,
        custom: editing.customFields,
      });
    else {
      const draft = start?.draft;
      form.setFieldsValue({
        customerId: fixedCustomer?.id,
        contactId: draft?.contactId ?? undefined,
        type: draftType,
        // a completed plan happened at its start, unless that is still ahead
        occurredAt: draft && dayjs(draft.at).isBefore(dayjs()) ? dayjs(draft.at) : dayjs(),
        content: draft ? `${draft.subject}\n` : undefined,
      });
    }
  }, [target, draftType]);

  const submit = async (v: Values) => {
    const common = {
      contactId: v.contactId ?? null,
      type: v.type!,
      occurredAt: v.occurredAt!.format(),
      topic: v.topic ?? null,
      stage: v.stage ?? null,
      attitude: v.attitude ?? null,
      content: v.content ?? '',
      nextFollowUpAt: v.nextFollowUpAt ? v.nextFollowUpAt.format() : null,
    };
    try {
      let saved: FollowUp;
      if (editing) {
        const input: UpdateFollowUp = { version: editing.version, ...common };
        const custom = customChanges(v.custom, editing.customFields);
        if (custom) input.customFields = custom as UpdateFollowUp['customFields'];
        saved = await update.mutateAsync({ id: editing.id, ...input });
      } else {
        const input: CreateFollowUp = { customerId: v.customerId ?? fixedCustomer!.id, ...common };
        const custom = customForCreate(v.custom);
        if (custom) input.customFields = custom as CreateFollowUp['customFields'];
        saved = await create.mutateAsync(input);
      }
      message.success(editing ? tc('status.saved') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('editTitle') : t('createTitle')}
      width={640}
      name="follow-up-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col {...half}>
          {fixedCustomer ? (
            <Form.Item label={t('fields.customerId')}>
              <Input value={fixedCustomer.name ?? ''} disabled aria-label={t('fields.customerId')} />
            </Form.Item>
          ) : (
            <Form.Item name="customerId" label={t('fields.customerId')} rules={[rules.required()]}>
              <CustomerSelect onChange={() => form.setFieldValue('contactId', null)} />
            </Form.Item>
          )}
        </Col>
        <Col {...half}>
          <Form.Item name="contactId" label={t('fields.contactId')}>
            <Select
              allowClear
              disabled={!customerId}
              placeholder={customerId ? undefined : t('hints.contactFirst')}
              loading={!!customerId && contacts.isPending}
              options={(contacts.data ?? []).map((c) => ({
                value: c.id,
                label: c.title ? `${c.name}（${c.title}）` : c.name,
              }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="type" label={t('fields.type')} rules={[rules.required()]}>
            <DictionarySelect type="follow-up-type" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="occurredAt"
            label={t('fields.occurredAt')}
            rules={[
              rules.required(),
              {
                validator: (_, value: Dayjs | undefined) =>
                  value?.isAfter(dayjs().add(followUpLimits.futureSkewMinutes, 'minute'))
                    ? Promise.reject(new Error(t('hints.future')))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={FORMAT}
              onKeyDown={enterConfirmsOnly}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="content"
            label={t('fields.content')}
            rules={[rules.required(), rules.maxLength(followUpLimits.content)]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={followUpLimits.content}
              showCount
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="topic" label={t('fields.topic')}>
            <DictionarySelect type="follow-up-topic" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stage" label={t('fields.stage')}>
            <DictionarySelect type="customer-status" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="attitude" label={t('fields.attitude')}>
            <Radio.Group
              optionType="button"
              options={followUpAttitudes.map((a) => ({ value: a, label: t(`attitudes.${a}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="nextFollowUpAt" label={t('fields.nextFollowUpAt')} extra={t('hints.next')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={FORMAT}
              onKeyDown={enterConfirmsOnly}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <CustomFieldsFormItems entity="follow-ups" />
        </Col>
      </Row>
    </FormDrawer>
  );
}
