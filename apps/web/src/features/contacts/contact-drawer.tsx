import '../customers/texts.ts';
import { type Contact, contactLimits, EMAIL_MAX, genders, PHONE_MAX } from '@guanxi/contract';
import { App, Checkbox, Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { isApiError } from '../../lib/api.ts';
import { CustomFieldsFormItems } from '../custom-fields/custom-fields-form-items.tsx';
import { useFieldAccess } from '../customers/field-access.ts';
import { useCreateContact, useUpdateContact } from './api.ts';
import { type ContactFormValues, toCreate, toFormValues, toUpdate } from './contact-form-values.ts';

type Props = {
  /** The customer a new contact belongs to. */
  customerId: string;
  /** `new`, a contact to edit, or null when closed. */
  target: 'new' | Contact | null;
  onClose: () => void;
  /** After a save, with the saved contact. */
  onSaved?: (contact: Contact) => void;
};

const half = { xs: 24, sm: 12 };

/** Add or edit a contact of a customer (联系人). */
export function ContactDrawer({ customerId, target, onClose, onSaved }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const access = useFieldAccess('contacts');
  const [form] = Form.useForm<ContactFormValues>();
  const create = useCreateContact();
  const update = useUpdateContact();
  const contact = target && target !== 'new' ? target : undefined;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(target === 'new' ? { gender: 'unknown' } : toFormValues(target));
  }, [target, form]);

  const submit = async (values: ContactFormValues) => {
    try {
      const saved = contact
        ? await update.mutateAsync({ id: contact.id, ...toUpdate(values, contact, access) })
        : await create.mutateAsync(toCreate(values, customerId, access));
      message.success(contact ? tc('status.saved') : t('contacts.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer shows it, on the fields where it names one
      message.error(t('contacts.conflict'));
      onClose();
    }
  };

  const restricted = (field: string) => {
    const level = access(field);
    if (level === 'hidden' || (contact && !(field in contact))) return null;
    if (level !== 'edit' && !contact) return null;
    return { disabled: level !== 'edit' };
  };
  const text = (name: string, maxLength: number, more: Rule[] = [], inputMode?: 'tel' | 'email') => {
    const r = restricted(name);
    if (!r) return null;
    return (
      <Col {...half}>
        <Form.Item
          name={name}
          label={t(`contacts.fields.${name}` as 'contacts.fields.name')}
          rules={r.disabled ? [] : [rules.maxLength(maxLength), ...more]}
        >
          <Input maxLength={maxLength} inputMode={inputMode} disabled={r.disabled} />
        </Form.Item>
      </Col>
    );
  };
  const birthday = restricted('birthday');

  return (
    <FormDrawer<ContactFormValues>
      open={!!target}
      onClose={onClose}
      title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.createTitle')}
      width={640}
      name="contact-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="name"
            label={t('contacts.fields.name')}
            rules={[rules.required(), rules.maxLength(contactLimits.name)]}
          >
            <Input maxLength={contactLimits.name} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label={t('contacts.fields.gender')}>
            <Radio.Group
              optionType="button"
              options={genders.map((g) => ({ value: g, label: t(`contacts.genders.${g}`) }))}
            />
          </Form.Item>
        </Col>
        {text('title', contactLimits.title)}
        {text('department', contactLimits.department)}
        {text('mobile', PHONE_MAX, [rules.phone], 'tel')}
        {text('phone', PHONE_MAX, [rules.phone], 'tel')}
        {text('email', EMAIL_MAX, [rules.email], 'email')}
        {text('wechat', contactLimits.wechat)}
        {birthday ? (
          <Col {...half}>
            <Form.Item name="birthday" label={t('contacts.fields.birthday')}>
              <DatePicker
                onKeyDown={enterConfirmsOnly}
                style={{ width: '100%' }}
                disabled={birthday.disabled}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
        ) : null}
        {text('decisionRole', contactLimits.decisionRole)}
        <Col span={24}>
          <Form.Item name="isPrimary" valuePropName="checked">
            <Checkbox>{t('contacts.primaryCheckbox')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="remark"
            label={t('contacts.fields.remark')}
            rules={[rules.maxLength(contactLimits.remark)]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={contactLimits.remark}
              showCount
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <CustomFieldsFormItems entity="contacts" />
        </Col>
      </Row>
    </FormDrawer>
  );
}
