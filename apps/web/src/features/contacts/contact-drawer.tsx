import { type Contact, genders } from '@guanxi/contract';
import { App, Button, Checkbox, Col, DatePicker, Drawer, Flex, Form, Input, Radio, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
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
};

const half = { xs: 24, sm: 12 };

/** Add or edit a contact of a customer (联系人). */
export function ContactDrawer({ customerId, target, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
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

  const submit = (values: ContactFormValues) => {
    const done = () => {
      message.success(contact ? tc('status.saved') : t('contacts.created'));
      onClose();
    };
    const failed = (e: unknown) => {
      if (isApiError(e, 'CONFLICT')) {
        message.error(t('contacts.conflict'));
        onClose();
        return;
      }
      showError(e, form);
    };
    if (contact) {
      update.mutate(
        { id: contact.id, ...toUpdate(values, contact, access) },
        { onSuccess: done, onError: failed },
      );
    } else {
      create.mutate(toCreate(values, customerId, access), { onSuccess: done, onError: failed });
    }
  };

  const max = (n: number): Rule => ({ max: n, message: tc('validation.maxLength', { max: n }) });
  const restricted = (field: string) => {
    const level = access(field);
    if (level === 'hidden' || (contact && !(field in contact))) return null;
    if (level !== 'edit' && !contact) return null;
    return { disabled: level !== 'edit' };
  };
  const text = (name: string, maxLength: number, rules: Rule[] = [], inputMode?: 'tel' | 'email') => {
    const r = restricted(name);
    if (!r) return null;
    return (
      <Col {...half}>
        <Form.Item
          name={name}
          label={t(`contacts.fields.${name}` as 'contacts.fields.name')}
          rules={r.disabled ? [] : [max(maxLength), ...rules]}
        >
          <Input maxLength={maxLength} inputMode={inputMode} disabled={r.disabled} />
        </Form.Item>
      </Col>
    );
  };
  const phoneRule: Rule = { pattern: /^\+?[0-9][0-9 -]{5,19}$/, message: tc('validation.phone') };
  const birthday = restricted('birthday');

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.createTitle')}
      size={isPhone ? '100%' : 640}
      forceRender
      destroyOnHidden={false}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{tc('actions.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {tc('actions.save')}
          </Button>
        </Flex>
      }
    >
      <Form<ContactFormValues> name="contact-form" form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t('contacts.fields.name')}
              rules={[{ required: true, whitespace: true, message: tc('validation.required') }, max(50)]}
            >
              <Input maxLength={50} autoComplete="off" />
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
          {text('title', 50)}
          {text('department', 50)}
          {text('mobile', 30, [phoneRule], 'tel')}
          {text('phone', 30, [phoneRule], 'tel')}
          {text('email', 100, [{ type: 'email', message: tc('validation.email') }], 'email')}
          {text('wechat', 50)}
          {birthday ? (
            <Col {...half}>
              <Form.Item name="birthday" label={t('contacts.fields.birthday')}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabled={birthday.disabled}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
          ) : null}
          {text('decisionRole', 50)}
          <Col span={24}>
            <Form.Item name="isPrimary" valuePropName="checked">
              <Checkbox>{t('contacts.primaryCheckbox')}</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="remark" label={t('contacts.fields.remark')} rules={[max(500)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <CustomFieldsFormItems entity="contacts" />
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
