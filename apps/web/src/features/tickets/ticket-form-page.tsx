import './texts.ts';
import { CopyOutlined } from '@ant-design/icons';
import {
  type PublicTicketCreated,
  type PublicTicketForm,
  type PublicTicketSubmission,
  ticketLimits,
} from '@guanxi/contract';
import { Alert, App, Button, Flex, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useFormRules } from '../../components/form-rules.ts';
import {
  ContactField,
  HoneypotField,
  PublicFormFrame,
  trimmed,
} from '../../components/public-form-frame.tsx';
import { isApiError } from '../../lib/api.ts';
import { copyText } from '../../lib/copy-text.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { usePublicTicketForm, useSubmitPublicTicket } from './api.ts';

type Values = Partial<Record<keyof PublicTicketSubmission, string>>;
const reach = ['mobile', 'email'] as const;

/**
 * 在线报修 (`/submit/:token`, no sign-in): a customer describes a problem and leaves how to reach
 * them; the answer is the ticket's number and its status link (/t/…) to follow it.
 */
export function TicketFormPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('tickets');
  const form = usePublicTicketForm(token);
  useDocumentTitle(form.data?.title || t('submit.title'));
  return (
    <PublicFormFrame query={form} closed={t('submit.closed')}>
      {(definition) => <Filler token={token} definition={definition} />}
    </PublicFormFrame>
  );
}

function Filler({ token, definition }: { token: string; definition: PublicTicketForm }) {
  const { t, i18n } = useTranslation('tickets');
  const rules = useFormRules();
  const submit = useSubmitPublicTicket(token);
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<PublicTicketCreated | null>(null);
  const [limited, setLimited] = useState(false);
  const english = i18n.language.startsWith('en');
  if (created)
    return (
      <Created
        created={created}
        onAgain={() => {
          form.resetFields();
          setCreated(null);
        }}
      />
    );
  return (
    <>
      <Typography.Text type="secondary">{definition.tenantName}</Typography.Text>
      <Typography.Title level={3} style={{ marginTop: 4 }}>
        {definition.title || t('submit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {definition.intro || t('submit.intro')}
      </Typography.Paragraph>
      {limited ? (
        <Alert type="warning" showIcon title={t('submit.limited')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        name="public-ticket-form"
        layout="vertical"
        initialValues={{ typeId: definition.types.length === 1 ? definition.types[0].id : undefined }}
        onFinish={(v) => {
          setLimited(false);
          const values = trimmed(v) as PublicTicketSubmission;
          submit.mutate(values, {
            onSuccess: setCreated,
            onError: (e) => (isApiError(e, 'RATE_LIMITED') ? setLimited(true) : showError(e, form)),
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('submit.name')}
          rules={[rules.required(), rules.maxLength(ticketLimits.submitterName)]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="company" label={t('submit.company')} rules={[rules.maxLength(ticketLimits.company)]}>
          <Input autoComplete="organization" />
        </Form.Item>
        {reach.map((f) => (
          <ContactField
            key={f}
            name={f}
            label={t(`submit.${f}`)}
            reach={reach}
            message={t('submit.needContact')}
          />
        ))}
        <Form.Item name="typeId" label={t('submit.type')} rules={[rules.required()]}>
          <Select
            options={definition.types.map((x) => ({
              value: x.id,
              label: english && x.nameEn ? x.nameEn : x.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('submit.titleField')}
          rules={[rules.required(), rules.maxLength(ticketLimits.title)]}
        >
          <Input maxLength={ticketLimits.title} />
        </Form.Item>
        <Form.Item
          name="request"
          label={t('submit.request')}
          rules={[rules.required(), rules.maxLength(ticketLimits.request)]}
        >
          <Input.TextArea rows={5} maxLength={ticketLimits.request} showCount />
        </Form.Item>
        <HoneypotField />
        <Button type="primary" htmlType="submit" block loading={submit.isPending}>
          {t('submit.send')}
        </Button>
      </Form>
    </>
  );
}

/** The number and the link to follow it (same site: the status page). */
function Created({ created, onAgain }: { created: PublicTicketCreated; onAgain: () => void }) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const path = new URL(created.statusUrl, window.location.href).pathname;
  return (
    <Result
      status="success"
      title={t('submit.thanks')}
      subTitle={
        <Flex vertical gap={8} align="center">
          <Typography.Text strong>{t('submit.number', { number: created.number })}</Typography.Text>
          <Typography.Text type="secondary">{t('submit.followHelp')}</Typography.Text>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{created.statusUrl}</Typography.Text>
        </Flex>
      }
      extra={
        <Flex vertical gap={8}>
          <Button type="primary" block onClick={() => navigate(path)}>
            {t('submit.follow')}
          </Button>
          <Button
            block
            icon={<CopyOutlined aria-hidden />}
            onClick={() =>
              void copyText(created.statusUrl).then((ok) => ok && message.success(t('submit.copied')))
            }
          >
            {t('submit.copy')}
          </Button>
          <Button block type="link" onClick={onAgain}>
            {t('submit.again')}
          </Button>
        </Flex>
      }
    />
  );
}
