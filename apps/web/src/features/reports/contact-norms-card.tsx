import { type ContactNorm, contactNormLimits } from '@guanxi/contract';
import { App, Button, Card, Col, Empty, Form, InputNumber, Row, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';
import { useContactNorms, useUpdateContactNorms } from './api.ts';
import './texts.ts';

type Values = { perMonth: Record<string, number> };

/** 联系频率 in 系统设置: follow-ups per month for each customer level (0: none). */
export function ContactNormsCard() {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const label = useItemLabel();
  const norms = useContactNorms();
  const update = useUpdateContactNorms();
  const [form] = Form.useForm<Values>();
  // a number, not text: the form rules' `required` checks text
  const required = { required: true, message: tc('validation.required') };

  useEffect(() => {
    if (norms.data)
      form.setFieldsValue({
        perMonth: Object.fromEntries(norms.data.norms.map((n) => [n.levelId, n.perMonth])),
      });
  }, [norms.data, form]);

  const save = (all: ContactNorm[], v: Values) => {
    // only the levels that changed are sent, each with the version it was read at
    const changed = all
      .filter((n) => v.perMonth[n.levelId] !== n.perMonth)
      .map((n) => ({ levelId: n.levelId, perMonth: v.perMonth[n.levelId], version: n.version }));
    if (!changed.length) {
      message.info(t('norms.unchanged'));
      return;
    }
    update.mutate(
      { norms: changed },
      { onSuccess: () => message.success(tc('status.saved')), onError: (e) => showError(e) },
    );
  };

  return (
    <Card
      variant="borderless"
      title={t('norms.title')}
      style={{ maxWidth: 760, marginTop: 16 }}
      styles={{ body: { padding: isPhone ? 12 : 24 }, header: isPhone ? { padding: '0 12px' } : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('norms.intro')}</Typography.Paragraph>
      <QueryState query={norms}>
        {(data) =>
          data.norms.length === 0 ? (
            <Empty description={t('norms.empty')} />
          ) : (
            <Form<Values>
              name="contact-norms"
              form={form}
              layout="vertical"
              onFinish={(v) => save(data.norms, v)}
            >
              <Row gutter={16}>
                {data.norms.map((n) => (
                  <Col key={n.levelId} xs={12} sm={8}>
                    <Form.Item
                      name={['perMonth', n.levelId]}
                      label={
                        <>
                          {label({ name: n.levelName, nameEn: n.levelNameEn })}
                          {n.levelValid ? null : (
                            <Tag style={{ marginInlineStart: 6 }}>{t('norms.invalid')}</Tag>
                          )}
                        </>
                      }
                      rules={[required]}
                    >
                      <InputNumber
                        min={0}
                        max={contactNormLimits.perMonth}
                        precision={0}
                        suffix={t('norms.perMonth')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {tc('actions.save')}
              </Button>
            </Form>
          )
        }
      </QueryState>
    </Card>
  );
}
