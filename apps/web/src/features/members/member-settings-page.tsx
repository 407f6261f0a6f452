import './texts.ts';
import type { MemberSettings } from '@guanxi/contract';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useMemberSettings, useSaveMemberSettings } from './api.ts';

type Rule = { minPoints?: number | null; minSpend?: string | null };
type Values = Omit<MemberSettings, 'levelRules'> & { levelRules?: Record<string, Rule> };

const half = { xs: 24, sm: 12 };

/**
 * 会员设置: points per ¥1, months before points expire, points for an activity, and each level's
 * threshold (by the level's code; a level without a code is only ever set by hand). Saved whole
 * with its version: a 409 reloads what the other person saved.
 */
export function MemberSettingsPage() {
  const { t } = useTranslation('members');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const canEdit = useCan()('members:edit');
  const settings = useMemberSettings();
  const levels = useDictionaryItems('member-level');
  const save = useSaveMemberSettings();
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: tc('validation.required') };

  useEffect(() => {
    if (settings.data) {
      const { version: _v, ...rest } = settings.data;
      form.setFieldsValue(rest);
    }
  }, [settings.data, form]);

  const coded = (levels.data ?? []).filter((l) => l.valid && l.code);
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Card variant="borderless" style={{ maxWidth: 760 }}>
        <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
        <QueryState query={settings}>
          {(data) => (
            <Form<Values>
              name="member-settings"
              form={form}
              layout="vertical"
              disabled={!canEdit}
              onFinish={(v) => {
                const rules: MemberSettings['levelRules'] = { ...data.levelRules };
                for (const [code, r] of Object.entries(v.levelRules ?? {}))
                  rules[code] = { minPoints: r.minPoints ?? null, minSpend: r.minSpend?.trim() || null };
                save.mutate(
                  { ...v, levelRules: rules, version: data.version },
                  {
                    onSuccess: () => message.success(tc('status.saved')),
                    onError: (e) => showError(e, form),
                  },
                );
              }}
            >
              <Row gutter={16}>
                <Col {...half}>
                  <Form.Item
                    name="pointsPerYuan"
                    label={t('settings.pointsPerYuan')}
                    extra={t('settings.pointsPerYuanHelp')}
                    rules={[required, { pattern: /^\d{1,4}(\.\d{1,2})?$/, message: t('settings.decimal') }]}
                  >
                    <Input inputMode="decimal" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name="expiryMonths" label={t('settings.expiryMonths')} rules={[required]}>
                    <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item
                    name="participationPoints"
                    label={t('settings.participationPoints')}
                    rules={[required]}
                  >
                    <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Title level={5}>{t('settings.levels')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('settings.levelsHelp')}</Typography.Paragraph>
              {coded.map((l) => (
                <Row gutter={16} key={l.id}>
                  <Col {...half}>
                    <Form.Item
                      name={['levelRules', l.code as string, 'minPoints']}
                      label={t('settings.minPoints', { level: l.name })}
                    >
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col {...half}>
                    <Form.Item
                      name={['levelRules', l.code as string, 'minSpend']}
                      label={t('settings.minSpend', { level: l.name })}
                      rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('settings.decimal') }]}
                    >
                      <Input prefix="¥" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {canEdit ? (
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {tc('actions.save')}
                </Button>
              ) : null}
            </Form>
          )}
        </QueryState>
      </Card>
    </>
  );
}
