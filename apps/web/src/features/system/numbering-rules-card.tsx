import './texts.ts';
import {
  NUMBERING_PREFIX_PATTERN,
  type NumberingDatePattern,
  type NumberingResetPeriod,
  type NumberingRule,
  type NumberingRuleSettings,
  numberedEntities,
  numberingDatePatterns,
  numberingLimits,
  numberingResetPeriods,
  numberingRuleAmbiguous,
  numberingSeparators,
} from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { Fragment, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-error.tsx';
import { currentLanguage } from '../../lib/i18n.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useTenant } from './api.ts';
import { formatNumberPreview, useNumberingRules, useUpdateNumberingRule } from './numbering-api.ts';

const settingsOf = (r: NumberingRuleSettings): NumberingRuleSettings => ({
  prefix: r.prefix,
  datePattern: r.datePattern,
  separator: r.separator,
  sequenceWidth: r.sequenceWidth,
  resetPeriod: r.resetPeriod,
});

/** Numbering rules (编号规则) of every entity: prefix + date part + sequence, one small form each. */
export function NumberingRulesCard() {
  const { t } = useTranslation('system');
  const isPhone = useIsPhone();
  const rules = useNumberingRules();
  const tenant = useTenant();
  const timeZone = tenant.data?.timezone ?? 'Asia/Shanghai';

  return (
    <Card
      variant="borderless"
      title={t('numbering.title')}
      style={{ maxWidth: 760, marginTop: 16 }}
      styles={{ body: { padding: isPhone ? 12 : 24 }, header: isPhone ? { padding: '0 12px' } : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('numbering.intro')}</Typography.Paragraph>
      <QueryState query={rules}>
        {(data) =>
          data.map((rule, i) => (
            <Fragment key={rule.entity}>
              {i > 0 ? <Divider style={{ margin: '16px 0' }} /> : null}
              <RuleForm rule={rule} timeZone={timeZone} />
            </Fragment>
          ))
        }
      </QueryState>
    </Card>
  );
}

function RuleForm({ rule, timeZone }: { rule: NumberingRule; timeZone: string }) {
  const { t } = useTranslation('system');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateNumberingRule();
  const [form] = Form.useForm<NumberingRuleSettings>();
  const prefix = Form.useWatch('prefix', form);
  const datePattern = Form.useWatch('datePattern', form);
  const separator = Form.useWatch('separator', form);
  const sequenceWidth = Form.useWatch('sequenceWidth', form);
  const resetPeriod = Form.useWatch('resetPeriod', form);
  const headingId = `numbering-${rule.entity}-title`;
  const label =
    numberedEntities[rule.entity as keyof typeof numberedEntities]?.[currentLanguage()] ?? rule.entity;

  useEffect(() => {
    form.setFieldsValue(settingsOf(rule));
  }, [rule, form]);

  const dateOptions = useMemo(
    () => numberingDatePatterns.map((p) => ({ value: p, label: t(`numbering.datePatterns.${p || 'none'}`) })),
    [t],
  );
  const separatorOptions = useMemo(
    () =>
      numberingSeparators.map((s) => ({
        value: s,
        label: s ? <Typography.Text code>{s}</Typography.Text> : t('numbering.separatorNone'),
      })),
    [t],
  );
  const resetOptions = numberingResetPeriods.map((p) => ({
    value: p,
    label: t(`numbering.resetPeriods.${p}`),
    disabled: datePattern !== undefined && numberingRuleAmbiguous({ datePattern, resetPeriod: p }),
  }));

  const preview = formatNumberPreview(
    {
      prefix: prefix ?? rule.prefix,
      datePattern: datePattern ?? rule.datePattern,
      separator: separator ?? rule.separator,
      sequenceWidth: typeof sequenceWidth === 'number' ? sequenceWidth : rule.sequenceWidth,
      resetPeriod: resetPeriod ?? rule.resetPeriod,
    },
    1,
    new Date(),
    timeZone,
  );

  const save = (values: NumberingRuleSettings) =>
    update.mutate(
      { entity: rule.entity, version: rule.version, ...settingsOf(values), prefix: values.prefix.trim() },
      { onSuccess: () => message.success(tc('status.saved')), onError: (e) => showError(e, form) },
    );

  return (
    <section aria-labelledby={headingId} className="numbering-rule">
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={5} id={headingId} style={{ margin: 0 }}>
          {label}
        </Typography.Title>
        {rule.isDefault ? <Tag>{t('numbering.default')}</Tag> : null}
      </Flex>
      <Form<NumberingRuleSettings>
        name={`numbering-${rule.entity}`}
        form={form}
        layout="vertical"
        initialValues={settingsOf(rule)}
        onFinish={save}
      >
        <Row gutter={12}>
          <Col xs={12} md={4}>
            <Form.Item
              name="prefix"
              label={t('numbering.fields.prefix')}
              rules={[
                { required: true, whitespace: true, message: tc('validation.required') },
                { pattern: NUMBERING_PREFIX_PATTERN, message: t('numbering.prefixInvalid') },
              ]}
            >
              <Input
                maxLength={numberingLimits.prefix}
                autoComplete="off"
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="datePattern" label={t('numbering.fields.datePattern')}>
              <Select<NumberingDatePattern> options={dateOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="separator" label={t('numbering.fields.separator')}>
              <Select options={separatorOptions} disabled={datePattern === ''} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="sequenceWidth"
              label={t('numbering.fields.sequenceWidth')}
              rules={[{ required: true, message: tc('validation.required') }]}
            >
              <InputNumber
                min={numberingLimits.sequenceWidth.min}
                max={numberingLimits.sequenceWidth.max}
                precision={0}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="resetPeriod"
              label={t('numbering.fields.resetPeriod')}
              dependencies={['datePattern']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: NumberingResetPeriod | undefined) =>
                    value &&
                    numberingRuleAmbiguous({ datePattern: getFieldValue('datePattern'), resetPeriod: value })
                      ? Promise.reject(new Error(t('numbering.ambiguous')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Select<NumberingResetPeriod> options={resetOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text>
            {t('numbering.preview')}{' '}
            <Typography.Text code strong data-testid={`numbering-preview-${rule.entity}`}>
              {preview}
            </Typography.Text>
          </Typography.Text>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {tc('actions.save')}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
