import type { Webhook, WebhookWithSecret } from '@guanxi/contract';
import { App, Button, Checkbox, Flex, Form, Input, Popconfirm, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCreateWebhook, useRotateSecret, useUpdateWebhook, useWebhookEvents } from './api.ts';

type Values = { url: string; description?: string; events: string[]; active: boolean };

/** The event's words: 客户 · 修改 for customer.updated (its code beside it, as receivers see it). */
export function useEventLabel() {
  const { t } = useTranslation('webhooks');
  return (event: string) => {
    const [group, action] = event.split('.');
    return action
      ? `${t(`groups.${group}` as 'groups.customer')} · ${t(`actions.${action}` as 'actions.created')}`
      : event;
  };
}

/** Create or edit a subscription: URL, note, the events as checkboxes grouped by record kind. */
export function WebhookDrawer({
  open,
  editing,
  onClose,
  onSecret,
}: {
  open: boolean;
  editing: Webhook | null;
  onClose: () => void;
  /** A secret to show once (after create or rotate). */
  onSecret: (made: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation('webhooks');
  const { message } = App.useApp();
  const rules = useFormRules();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const catalogue = useWebhookEvents();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            url: editing.url,
            description: editing.description ?? '',
            events: editing.events,
            active: editing.active,
          }
        : { url: '', description: '', events: [], active: true },
    );
  }, [open, editing, form]);

  const save = async (v: Values) => {
    const input = { url: v.url.trim(), events: v.events as never, description: v.description?.trim() ?? '' };
    if (editing) {
      await update.mutateAsync({ id: editing.id, version: editing.version, ...input, active: v.active });
      message.success(t('saved'));
    } else {
      onSecret(await create.mutateAsync(input));
    }
    onClose();
  };

  return (
    <FormDrawer<Values>
      open={open}
      title={editing ? t('editTitle') : t('createTitle')}
      width={640}
      onClose={onClose}
      name="webhook"
      form={form}
      onSubmit={save}
      extra={
        editing ? (
          <Popconfirm
            title={t('rotate')}
            description={t('rotateConfirm')}
            onConfirm={async () => {
              try {
                onSecret(await rotate.mutateAsync(editing));
                onClose();
              } catch (err) {
                showError(err);
              }
            }}
          >
            <Button loading={rotate.isPending}>{t('rotate')}</Button>
          </Popconfirm>
        ) : null
      }
    >
      <Form.Item
        name="url"
        label={t('url')}
        extra={t('urlHelp')}
        rules={[rules.required(), rules.maxLength(2000)]}
      >
        <Input inputMode="url" placeholder={t('urlPlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('description')} rules={[rules.maxLength(200)]}>
        <Input maxLength={200} />
      </Form.Item>
      {editing ? (
        <Form.Item name="active" label={t('activeSwitch')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
      {editing?.previousSecretUntil ? (
        // after a rotation: the day both secrets sign
        <Typography.Paragraph type="secondary">
          {t('previousSecretUntil', { time: formatDateTime(editing.previousSecretUntil) })}
        </Typography.Paragraph>
      ) : null}
      <Form.Item name="events" label={t('events')} rules={[rules.required(t('eventsRequired'))]}>
        <EventCheckboxes groups={catalogue.data ?? []} />
      </Form.Item>
    </FormDrawer>
  );
}

/** One checkbox per event, under its record kind; a value of event codes. */
function EventCheckboxes({
  groups,
  value = [],
  onChange,
}: {
  groups: { group: string; events: string[] }[];
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { t } = useTranslation('webhooks');
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} style={{ width: '100%' }}>
      <Flex vertical gap={12} style={{ width: '100%' }}>
        {groups.map((g) => (
          <fieldset key={g.group} style={{ border: 0, margin: 0, padding: 0 }}>
            <Typography.Text strong>
              <legend style={{ fontSize: 'inherit', marginBottom: 4 }}>
                {t(`groups.${g.group}` as 'groups.customer')}
              </legend>
            </Typography.Text>
            <Flex wrap gap="4px 16px">
              {g.events.map((e) => (
                <Checkbox key={e} value={e}>
                  {t(`actions.${e.split('.')[1]}` as 'actions.created')}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </fieldset>
        ))}
      </Flex>
    </Checkbox.Group>
  );
}
