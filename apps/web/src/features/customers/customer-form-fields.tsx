import './texts.ts';
import { EnvironmentOutlined } from '@ant-design/icons';
import {
  BANK_ACCOUNT_PATTERN,
  type Customer,
  customerLimits,
  customerTypes,
  EMAIL_MAX,
  MONEY_PATTERN,
  PHONE_MAX,
  TAX_NUMBER_PATTERN,
} from '@guanxi/contract';
import {
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Rate,
  Row,
  Select,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { CustomFieldsFormItems } from '../custom-fields/custom-fields-form-items.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { type CustomerDictionaryField, customerDictionaryFields } from './customer-dictionary-fields.ts';
import { useFieldAccess } from './field-access.ts';
import { customerTypeLabel } from './labels.ts';
import { normaliseMoney } from './money.ts';

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

// Leaflet only when someone opens the map
const MapPicker = lazy(() => import('../../components/map-picker.tsx'));

/** 地图选点 under the coordinates: fills 纬度 / 经度 from a point tapped on the map. */
function PickOnMap() {
  const { t } = useTranslation('customers');
  const form = Form.useFormInstance();
  const [open, setOpen] = useState(false);
  const lat = Form.useWatch('lat', form) as number | null | undefined;
  const lng = Form.useWatch('lng', form) as number | null | undefined;
  return (
    <Col xs={24}>
      <Button icon={<EnvironmentOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 16 }}>
        {t('form.pickOnMap')}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <MapPicker
            open
            value={lat != null && lng != null ? { lat, lng } : null}
            onCancel={() => setOpen(false)}
            onPick={(point) => {
              form.setFieldsValue(point);
              void form.validateFields(['lat', 'lng']);
              setOpen(false);
            }}
          />
        </Suspense>
      ) : null}
    </Col>
  );
}

/** The customer's fields in groups; restricted fields are read-only or left out (field permissions). */
export function CustomerFormFields({ customer, onNameBlur, nameHint }: Props) {
  const { t } = useTranslation('customers');
  const rules = useFormRules();
  const access = useFieldAccess('customers');
  const isEdit = !!customer;

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
    more: Rule[] = [],
    extra?: { inputMode?: 'tel' | 'email' | 'url' },
  ) => {
    const s = state(name);
    if (!s.show) return null;
    return (
      <Col {...half} key={name}>
        <Form.Item
          name={name}
          label={t(`fields.${name}` as 'fields.name')}
          rules={s.disabled ? [] : [rules.maxLength(maxLength), ...more]}
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

  /** 纬度 / 经度 (WGS-84, as a phone's GPS gives them): both or neither. */
  const coordinate = (name: 'lat' | 'lng', other: 'lat' | 'lng', max: number) => {
    const s = state(name);
    if (!s.show) return null;
    return (
      <Col xs={12} sm={12} key={name}>
        <Form.Item
          name={name}
          label={t(`fields.${name}`)}
          dependencies={[other]}
          extra={name === 'lat' && !s.disabled ? t('form.locationHelp') : undefined}
          rules={
            s.disabled
              ? []
              : [
                  { type: 'number', min: -max, max, message: t('form.coordinateRange', { max }) },
                  ({ getFieldValue }) => ({
                    validator: (_r, value: number | null | undefined) =>
                      (value == null) === (getFieldValue(other) == null)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('form.locationPair'))),
                  }),
                ]
          }
        >
          <InputNumber
            min={-max}
            max={max}
            step={0.000001}
            precision={6}
            inputMode="decimal"
            disabled={s.disabled}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
    );
  };

  const dictionary = (name: CustomerDictionaryField) => (
    <Col {...half} key={name}>
      <Form.Item name={name} label={t(`fields.${name}`)}>
        <DictionarySelect type={customerDictionaryFields[name].type} />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <Section title={t('form.sections.basic')}>
        <Col span={24}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[rules.required(), rules.maxLength(customerLimits.name)]}
            style={nameHint ? { marginBottom: 8 } : undefined}
          >
            <Input maxLength={customerLimits.name} onBlur={onNameBlur} autoComplete="off" />
          </Form.Item>
          {nameHint}
        </Col>
        {text('shortName', customerLimits.shortName)}
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
            <DatePicker
              onKeyDown={enterConfirmsOnly}
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('form.sections.classification')}>
        {dictionary('levelId')}
        {dictionary('statusId')}
        {dictionary('intentionId')}
        {dictionary('sourceId')}
        {dictionary('industryId')}
      </Section>

      <Section title={t('form.sections.contact')}>
        {text('phone', PHONE_MAX, [rules.phone], { inputMode: 'tel' })}
        {text('mobile', PHONE_MAX, [rules.phone], { inputMode: 'tel' })}
        {text('email', EMAIL_MAX, [rules.email], { inputMode: 'email' })}
        {text('website', customerLimits.website, [], { inputMode: 'url' })}
        {dictionary('regionId')}
        {text('address', customerLimits.address)}
        {coordinate('lat', 'lng', 90)}
        {coordinate('lng', 'lat', 180)}
        {state('lat').show && !state('lat').disabled && !state('lng').disabled ? <PickOnMap /> : null}
      </Section>

      <Section title={t('form.sections.business')}>
        {text('legalRepresentative', customerLimits.legalRepresentative)}
        {money('registeredCapital')}
        {money('annualTurnover')}
        {text('taxNumber', customerLimits.taxNumber, [
          { pattern: TAX_NUMBER_PATTERN, message: t('form.taxNumberInvalid') },
        ])}
        {text('bankName', customerLimits.bankName)}
        {text('bankAccount', customerLimits.bankAccount, [
          { pattern: BANK_ACCOUNT_PATTERN, message: t('form.bankAccountInvalid') },
        ])}
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
                  if (tags.length > customerLimits.tags)
                    return Promise.reject(new Error(t('form.tooManyTags')));
                  return tags.every((tag) => tag.trim().length > 0 && tag.trim().length <= customerLimits.tag)
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
          <Form.Item
            name="profile"
            label={t('fields.profile')}
            rules={[rules.maxLength(customerLimits.profile)]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={customerLimits.profile}
              showCount
            />
          </Form.Item>
        </Col>
      </Section>

      <CustomFieldsFormItems entity="customers" />
    </>
  );
}
