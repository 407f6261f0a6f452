import './texts.ts';
import { CheckCircleOutlined } from '@ant-design/icons';
import { leadLimits, type PublicLeadForm } from '@guanxi/contract';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormRules } from '../../components/form-rules.ts';
import {
  ContactField,
  HoneypotField,
  PublicFormFrame,
  trimmed,
} from '../../components/public-form-frame.tsx';
import { isApiError } from '../../lib/api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { usePublicForm, useSubmitPublicForm } from './api.ts';

type Values = Record<string, string | undefined>;

/** 网页表单 (`/f/:token`, no sign-in): a visitor leaves their company and how to reach them. */
export function PublicFormPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('leads');
  const form = usePublicForm(token);
  useDocumentTitle(form.data?.title ?? '');
  return (
    <PublicFormFrame query={form} closed={t('public.closed')}>
      {(definition) => <Filler token={token} definition={definition} />}
    </PublicFormFrame>
  );
}

function Filler({ token, definition }: { token: string; definition: PublicLeadForm }) {
  const { t } = useTranslation('leads');
  const rules = useFormRules();
  const submit = useSubmitPublicForm(token);
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState(false);
  const [limited, setLimited] = useState(false);
  const shows = (f: PublicLeadForm['fields'][number]) => definition.fields.includes(f);
  if (sent)
    return (
      <Result
        icon={<CheckCircleOutlined />}
        status="success"
        title={t('public.thanks')}
        extra={
          <Button
            onClick={() => {
              form.resetFields();
              setSent(false);
            }}
          >
            {t('public.again')}
          </Button>
        }
      />
    );
  const reach = (['mobile', 'email'] as const).filter(shows);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {definition.title}
      </Typography.Title>
      {definition.intro ? (
        <Typography.Paragraph type="secondary">{definition.intro}</Typography.Paragraph>
      ) : null}
      {limited ? (
        <Alert type="warning" showIcon title={t('public.limited')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        name="public-form"
        layout="vertical"
        onFinish={(v) => {
          setLimited(false);
          const values = trimmed(v);
          submit.mutate(values, {
            onSuccess: () => setSent(true),
            onError: (e) => (isApiError(e, 'RATE_LIMITED') ? setLimited(true) : showError(e, form)),
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[rules.required(), rules.maxLength(leadLimits.name)]}
        >
          <Input autoComplete="organization" />
        </Form.Item>
        {shows('contactName') ? (
          <Form.Item
            name="contactName"
            label={t('fields.contactName')}
            rules={[rules.maxLength(leadLimits.contactName)]}
          >
            <Input autoComplete="name" />
          </Form.Item>
        ) : null}
        {reach.map((f) => (
          <ContactField
            key={f}
            name={f}
            label={t(`fields.${f}`)}
            reach={reach}
            message={t('public.needContact')}
          />
        ))}
        {shows('remark') ? (
          <Form.Item name="remark" label={t('fields.remark')} rules={[rules.maxLength(leadLimits.remark)]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
        <HoneypotField />
        <Button type="primary" htmlType="submit" block loading={submit.isPending}>
          {t('public.submit')}
        </Button>
      </Form>
    </>
  );
}
