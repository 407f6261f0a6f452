import './texts.ts';
import {
  type CreateMailing,
  type Mailing,
  type MailingChannel,
  mailingLimits,
  mergeFields,
} from '@guanxi/contract';
import { Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { useSavedQueries } from '../saved-queries/api.ts';
import { useCreateMailing } from './api.ts';

type Audience = 'explicit' | 'customers' | 'contacts' | 'leads';
type Values = {
  name: string;
  channel: MailingChannel;
  audience: Audience;
  savedQueryId?: string;
  recipients?: string;
  subject?: string;
  body: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE = /^\+?[\d -]{6,20}$/;

/** "address name" per line → recipients; null with the first bad line's number. */
function parseRecipients(text: string, channel: MailingChannel) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const recipients: { address: string; name?: string }[] = [];
  for (const [i, line] of lines.entries()) {
    const match =
      channel === 'sms' ? /^(\+?[\d -]{6,20}?)(?:\s+(\D.*))?$/.exec(line) : /^(\S+)(?:\s+(.+))?$/.exec(line);
    const address = match?.[1]?.trim() ?? '';
    if (!(channel === 'sms' ? MOBILE : EMAIL).test(address)) return { bad: i + 1, recipients };
    recipients.push({ address, ...(match?.[2] ? { name: match[2].trim() } : {}) });
  }
  return { bad: null, recipients };
}

/** 新建群发: name, channel, who (a saved customers/contacts query or given addresses), subject and message. */
export function MailingForm({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (m: Mailing) => void;
}) {
  const { t } = useTranslation('mailings');
  const rules = useFormRules();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'email';
  const audience = Form.useWatch('audience', form) ?? 'explicit';
  const customers = useSavedQueries('customers');
  const contacts = useSavedQueries('contacts');
  const leads = useSavedQueries('leads');
  const create = useCreateMailing();
  const queries = audience === 'explicit' ? undefined : { customers, contacts, leads }[audience].data;

  const submit = async (v: Values) => {
    const input: CreateMailing = {
      name: v.name,
      channel: v.channel,
      body: v.body,
      ...(v.channel === 'email' ? { subject: v.subject } : {}),
    };
    if (v.audience === 'explicit') {
      const parsed = parseRecipients(v.recipients ?? '', v.channel);
      if (parsed.bad) {
        form.setFields([{ name: 'recipients', errors: [t('audience.badLine', { line: parsed.bad })] }]);
        return;
      }
      input.recipients = parsed.recipients;
    } else input.savedQueryId = v.savedQueryId;
    onCreated(await create.mutateAsync(input));
  };

  const audiences: { value: Audience; label: string }[] = [
    { value: 'explicit', label: t('audience.explicit') },
    ...(can('customers:view') ? [{ value: 'customers' as const, label: t('audience.customers') }] : []),
    ...(can('contacts:view') ? [{ value: 'contacts' as const, label: t('audience.contacts') }] : []),
    ...(can('leads:view') ? [{ value: 'leads' as const, label: t('audience.leads') }] : []),
  ];

  return (
    <FormModal<Values>
      open={open}
      title={t('new')}
      name="mailing"
      form={form}
      width={640}
      initialValues={{ channel: 'email', audience: 'explicit' }}
      onSubmit={submit}
      onCancel={onClose}
      onValuesChange={(changed) => {
        if ('audience' in changed) form.setFieldValue('savedQueryId', undefined);
      }}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(), rules.maxLength(mailingLimits.name)]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="channel" label={t('fields.channel')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'email', label: t('channels.email') },
            { value: 'sms', label: t('channels.sms') },
          ]}
        />
      </Form.Item>
      <Form.Item name="audience" label={t('fields.audience')}>
        <Radio.Group options={audiences} />
      </Form.Item>
      {audience === 'explicit' ? (
        <Form.Item
          name="recipients"
          label={t('fields.recipients')}
          extra={t('audience.recipientsHint')}
          rules={[{ required: true, whitespace: true, message: t('audience.recipientsRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      ) : (
        <Form.Item
          name="savedQueryId"
          label={t('fields.savedQuery')}
          rules={[rules.required()]}
          extra={queries && queries.length === 0 ? t('audience.noQueries') : undefined}
        >
          <Select
            placeholder={t('audience.pickQuery')}
            loading={!queries}
            options={(queries ?? []).map((q) => ({ value: q.id, label: q.name }))}
          />
        </Form.Item>
      )}
      {channel === 'email' ? (
        <Form.Item
          name="subject"
          label={t('fields.subject')}
          rules={[rules.required(), rules.maxLength(mailingLimits.subject)]}
        >
          <Input />
        </Form.Item>
      ) : null}
      <Form.Item
        name="body"
        label={t('fields.body')}
        rules={[
          rules.required(),
          rules.maxLength(channel === 'sms' ? mailingLimits.smsBody : mailingLimits.body),
        ]}
        extra={
          <Typography.Text type="secondary">
            {t('mergeHint', { fields: mergeFields.map((f) => `{{${f}}}`).join(' ') })}
          </Typography.Text>
        }
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
    </FormModal>
  );
}
