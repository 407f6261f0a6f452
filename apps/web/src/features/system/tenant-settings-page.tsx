import './texts.ts';
import { fileSizeLimits, importRowLimits, tenantLimits, userLimits } from '@guanxi/contract';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { testUserPattern } from '../../lib/user-pattern.ts';
import { ContactNormsCard } from '../reports/contact-norms-card.tsx';
import { useTenant, useUpdateTenant } from './api.ts';
import { CheckInRulesCard } from './check-in-rules-card.tsx';
import { NumberingRulesCard } from './numbering-rules-card.tsx';

type Values = {
  name: string;
  timezone: string;
  employeeCodePattern: string;
  importMaxRows: number;
  /** Shown and edited in MB; the server keeps bytes. */
  fileMaxMb: number;
  sample?: string;
};

const MB = 1024 * 1024;

const fallbackZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'UTC',
];

function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : [...zones, 'UTC'];
  } catch {
    return fallbackZones;
  }
}

/** Tenant name, time zone and the employee-code pattern; below them the numbering rules. */
export function TenantSettingsPage() {
  const { t } = useTranslation('system');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const can = useCan();
  const showError = useShowError();
  const rules = useFormRules();
  const tenant = useTenant();
  const update = useUpdateTenant();
  const [form] = Form.useForm<Values>();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const pattern = Form.useWatch('employeeCodePattern', form);
  const sample = Form.useWatch('sample', form);

  useEffect(() => {
    if (tenant.data) {
      form.setFieldsValue({
        name: tenant.data.name,
        timezone: tenant.data.timezone,
        employeeCodePattern: tenant.data.employeeCodePattern,
        importMaxRows: tenant.data.importMaxRows,
        fileMaxMb: Math.round((tenant.data.fileMaxBytes / MB) * 10) / 10,
      });
    }
  }, [tenant.data, form]);

  // the sample is checked by RE2, as the server will check codes (never the backtracking RegExp)
  const [sampleResult, setSampleResult] = useState<'match' | 'noMatch' | null>(null);
  useEffect(() => {
    let current = true;
    if (!sample || !pattern) setSampleResult(null);
    else
      void testUserPattern(pattern, sample).then((m) => {
        if (current) setSampleResult(m === null ? null : m ? 'match' : 'noMatch');
      });
    return () => {
      current = false;
    };
  }, [pattern, sample]);

  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <Card variant="borderless" style={{ maxWidth: 760 }} styles={{ body: { padding: isPhone ? 12 : 24 } }}>
        <QueryState query={tenant}>
          {(data) => (
            <Form<Values>
              name="tenant-settings"
              form={form}
              layout="vertical"
              onFinish={(v) =>
                update.mutate(
                  {
                    version: data.version,
                    name: v.name.trim(),
                    timezone: v.timezone,
                    employeeCodePattern: v.employeeCodePattern.trim(),
                    importMaxRows: v.importMaxRows,
                    fileMaxBytes: Math.round(v.fileMaxMb * MB),
                  },
                  {
                    onSuccess: () => message.success(tc('status.saved')),
                    onError: (e) => showError(e, form),
                  },
                )
              }
            >
              <Form.Item label={t('fields.code')}>
                <Typography.Text code>{data.code}</Typography.Text>
              </Form.Item>
              <Form.Item
                name="name"
                label={t('fields.name')}
                rules={[rules.required(), rules.maxLength(tenantLimits.name)]}
              >
                <Input maxLength={tenantLimits.name} />
              </Form.Item>
              <Form.Item
                name="timezone"
                label={t('fields.timezone')}
                extra={t('timezoneHelp')}
                rules={[rules.required()]}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
              </Form.Item>
              <Form.Item
                name="employeeCodePattern"
                label={t('fields.employeeCodePattern')}
                extra={t('patternHelp')}
                rules={[
                  rules.required(),
                  rules.maxLength(tenantLimits.employeeCodePattern),
                  {
                    // what RE2 cannot run (look-arounds, back-references) the server refuses too
                    validator: async (_r, value: string | undefined) => {
                      if (value && (await testUserPattern(value, '')) === null)
                        throw new Error(t('patternInvalid'));
                    },
                  },
                ]}
              >
                <Input maxLength={tenantLimits.employeeCodePattern} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Form.Item name="sample" label={t('fields.sample')} extra={t('sampleHelp')}>
                <Input maxLength={userLimits.employeeCode} />
              </Form.Item>
              {sampleResult ? (
                <Alert
                  style={{ marginBottom: 16 }}
                  type={sampleResult === 'match' ? 'success' : 'warning'}
                  showIcon
                  title={sampleResult === 'match' ? t('sampleMatch') : t('sampleNoMatch')}
                />
              ) : null}
              <Form.Item
                name="importMaxRows"
                label={t('fields.importMaxRows')}
                extra={t('importMaxRowsHelp')}
                rules={[rules.required()]}
              >
                <InputNumber
                  min={importRowLimits.min}
                  max={importRowLimits.max}
                  precision={0}
                  step={10_000}
                  style={{ width: 200 }}
                />
              </Form.Item>
              <Form.Item
                name="fileMaxMb"
                label={t('fields.fileMaxMb')}
                extra={t('fileMaxMbHelp')}
                rules={[rules.required()]}
              >
                <InputNumber
                  min={Math.ceil((fileSizeLimits.min / MB) * 10) / 10}
                  max={fileSizeLimits.max / MB}
                  precision={1}
                  step={5}
                  suffix="MB"
                  style={{ width: 200 }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {tc('actions.save')}
              </Button>
            </Form>
          )}
        </QueryState>
      </Card>
      {can('settings:numbering') ? <NumberingRulesCard /> : null}
      {can('settings:check-in') ? <CheckInRulesCard /> : null}
      <ContactNormsCard />
    </>
  );
}
