import { type Customer, customerTypes, type DictionaryType } from '@guanxi/contract';
import { Col, DatePicker, Form, Input, Radio, Rate, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomFieldsFormItems } from '../custom-fields/custom-fields-form-items.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { useFieldAccess } from './field-access.ts';
import { customerTypeLabel } from './labels.ts';
import { MONEY_PATTERN, normaliseMoney } from './money.ts';

type Props = {
  /** The customer being edited; absent on create. */
  customer?: Customer;
  /** Called when the name field loses focus (the live duplicate check). */
  onNameBlur?: () => void;
  /** Shown right under the name (the duplicate hint). */
  nameHint?: ReactNode;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="form-section" aria-label={title}>
      <Typography.Title level={5} className="form-section-title">
        {title}
      </Typography.Title>
      <Row gutter={16}>{children}</Row>
    </section>
  );
}

const half = { xs: 24, sm: 12 };

/** The customer's fields in groups; restricted fields are read-only or left out (field permissions). */
export function CustomerFormFields({ customer, onNameBlur, nameHint }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const access = useFieldAccess('customers');
  const isEdit = !!customer;

  const max = (n: number): Rule => ({ max: n, message: tc('validation.maxLength', { max: n }) });
  /** Hidden fields are not shown; read-only and masked ones cannot be changed. */
  const state = (field: string) => {
    const level = access(field);
    if (level === 'hidden' || (isEdit && !(field in customer))) return { show: false, disabled: true };
    if (level !== 'edit' && !isEdit) return { show: false, disabled: true };
    return { show: true, disabled: level !== 'edit' };
  };

  const text = (
    name: string,
    maxLength: number,
    rules: Rule[] = [],
    extra?: { inputMode?: 'tel' | 'email' | 'url' },
  ) => {
    const s = state(name);
    if (!s.show) return null;
    return (
      <Col {...half} key={name}>
        <Form.Item
          name={name}
          label={t(`fields.${name}` as 'fields.name')}
          rules={s.disabled ? [] : [max(maxLength), ...rules]}
        >
          <Input maxLength={maxLength} disabled={s.disabled} inputMode={extra?.inputMode} />
        </Form.Item>
      </Col>
    );
  };

  const money = (name: string) => {
    const s = state(name);
    if (!s.show) return null;
    return (
      <Col {...half} key={name}>
        <Form.Item
          name={name}
          label={t(`fields.${name}` as 'fields.name')}
          extra={s.disabled ? undefined : t('form.moneyHelp')}
          rules={
            s.disabled
              ? []
              : [
                  {
                    validator: (_r, value: string | null | undefined) => {
                      const v = normaliseMoney(value);
                      return !v || MONEY_PATTERN.test(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('form.moneyInvalid')));
                    },
                  },
                ]
          }
        >
          <Input inputMode="decimal" disabled={s.disabled} suffix={t('form.currency')} />
        </Form.Item>
      </Col>
    );
  };

  const dictionary = (name: string, type: DictionaryType, span = half) => (
    <Col {...span} key={name}>
      <Form.Item name={name} label={t(`fields.${name}` as 'fields.levelId')}>
        <DictionarySelect type={type} />
      </Form.Item>
    </Col>
  );

  const phoneRule: Rule = { pattern: /^\+?[0-9][0-9 -]{5,19}$/, message: tc('validation.phone') };

  return (
    <>
      <Section title={t('form.sections.basic')}>
        <Col span={24}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[{ required: true, whitespace: true, message: tc('validation.required') }, max(200)]}
            style={nameHint ? { marginBottom: 8 } : undefined}
          >
            <Input maxLength={200} onBlur={onNameBlur} autoComplete="off" />
          </Form.Item>
          {nameHint}
        </Col>
        {text('shortName', 50)}
        <Col {...half}>
          <Form.Item name="type" label={t('fields.type')}>
            <Radio.Group
              optionType="button"
              options={customerTypes.map((type) => ({ value: type, label: customerTypeLabel(t, type) }))}
            />
          </Form.Item>
        </Col>
        {isEdit ? null : (
          <Col {...half}>
            <Form.Item name="ownerId" label={t('fields.ownerId')} extra={t('form.ownerHelp')}>
              <UserSelect placeholder={t('form.ownerSelf')} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="nextFollowUpAt" label={t('fields.nextFollowUpAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('form.sections.classification')}>
        {dictionary('levelId', 'customer-level')}
        {dictionary('statusId', 'customer-status')}
        {dictionary('intentionId', 'customer-intention')}
        {dictionary('sourceId', 'customer-source')}
        {dictionary('industryId', 'industry')}
      </Section>

      <Section title={t('form.sections.contact')}>
        {text('phone', 30, [phoneRule], { inputMode: 'tel' })}
        {text('mobile', 30, [phoneRule], { inputMode: 'tel' })}
        {text('email', 100, [{ type: 'email', message: tc('validation.email') }], { inputMode: 'email' })}
        {text('website', 200, [], { inputMode: 'url' })}
        {dictionary('regionId', 'region')}
        {text('address', 200)}
      </Section>

      <Section title={t('form.sections.business')}>
        {text('legalRepresentative', 50)}
        {money('registeredCapital')}
        {money('annualTurnover')}
        {text('taxNumber', 20, [{ pattern: /^[0-9A-Za-z]{8,20}$/, message: t('form.taxNumberInvalid') }])}
        {text('bankName', 100)}
        {text('bankAccount', 34, [{ pattern: /^[0-9 -]{6,34}$/, message: t('form.bankAccountInvalid') }])}
        <Col {...half}>
          <Form.Item name="credit" label={t('fields.credit')}>
            <Rate allowClear aria-label={t('fields.credit')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="satisfaction" label={t('fields.satisfaction')}>
            <Rate allowClear aria-label={t('fields.satisfaction')} />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('form.sections.more')}>
        <Col span={24}>
          <Form.Item
            name="tags"
            label={t('fields.tags')}
            rules={[
              {
                validator: (_r, v: string[] | undefined) => {
                  const tags = v ?? [];
                  if (tags.length > 20) return Promise.reject(new Error(t('form.tooManyTags')));
                  return tags.every((tag) => tag.trim().length > 0 && tag.trim().length <= 20)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.tagTooLong')));
                },
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={[',', '，']}
              placeholder={t('form.tagsPlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="profile" label={t('fields.profile')} rules={[max(5000)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
          </Form.Item>
        </Col>
      </Section>

      <CustomFieldsFormItems entity="customers" />
    </>
  );
}
