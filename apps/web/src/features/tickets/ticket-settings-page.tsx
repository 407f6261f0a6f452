import './texts.ts';
import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type TicketFormSettings,
  type TicketPriority,
  ticketLimits,
  ticketPriorities,
} from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { copyText } from '../../lib/copy-text.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';
import {
  useRegenerateTicketFormToken,
  useSaveTicketFormSettings,
  useSaveTicketSettings,
  useTicketFormSettings,
  useTicketSettings,
} from './api.ts';
import { TicketRulesCard } from './ticket-rules-card.tsx';

/** 工单设置 (`/settings/tickets`, tickets:admin): the reopen window, the public ticket form, the assignment rules. */
export function TicketSettingsPage() {
  const { t } = useTranslation('tickets');
  return (
    <>
      <PageHeader title={t('settingsPage.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 760 }}>
        <GeneralCard />
        <PublicFormCard />
        <TicketRulesCard />
      </Flex>
    </>
  );
}

/** 基本设置: how many days after its resolution a ticket may be reopened. */
function GeneralCard() {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const settings = useTicketSettings(true);
  const save = useSaveTicketSettings();
  const [form] = Form.useForm<{ reopenDays: number }>();
  const { saving, submit } = useFormSubmit(form);
  const data = settings.data;
  return (
    <Card title={t('settingsPage.general')} size="small">
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Form
          form={form}
          name="ticket-settings-form"
          layout="vertical"
          key={data.version}
          initialValues={{ reopenDays: data.reopenDays }}
          onFinish={(v) =>
            void submit('save', async () => {
              await save.mutateAsync({ reopenDays: v.reopenDays, version: data.version });
              message.success(t('settings.saved'));
            })
          }
        >
          <Form.Item
            name="reopenDays"
            label={t('settings.reopenDays')}
            extra={t('settings.help')}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={ticketLimits.reopenDays.min}
              max={ticketLimits.reopenDays.max}
              precision={0}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving === 'save'}>
            {t('settingsPage.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

type FormValues = {
  enabled: boolean;
  title?: string;
  intro?: string;
  perMinute: number;
  priority: TicketPriority;
  typeIds: string[];
  departmentId?: string | null;
};

/** 在线报修表单: on/off, the link (copy, open, regenerate), texts, types, limit, priority, department. */
function PublicFormCard() {
  const { t } = useTranslation('tickets');
  const settings = useTicketFormSettings();
  return (
    <Card title={t('publicForm.card')} size="small">
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Skeleton active />
      ) : (
        <PublicFormSettings key={settings.data.version} data={settings.data} />
      )}
    </Card>
  );
}

function PublicFormSettings({ data }: { data: TicketFormSettings }) {
  const { t } = useTranslation('tickets');
  const rules = useFormRules();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveTicketFormSettings();
  const regenerate = useRegenerateTicketFormToken();
  const types = useDictionaryItems('service-type');
  const itemLabel = useItemLabel();
  const [form] = Form.useForm<FormValues>();
  const { saving, submit } = useFormSubmit(form);
  const link = data.token ? `${window.location.origin}/submit/${data.token}` : null;
  const trimmed = (v?: string) => v?.trim() || null;

  return (
    <Form<FormValues>
      form={form}
      name="ticket-form-settings"
      layout="vertical"
      initialValues={{
        enabled: data.enabled,
        title: data.title ?? '',
        intro: data.intro ?? '',
        perMinute: data.perMinute,
        priority: data.priority,
        typeIds: data.typeIds,
        departmentId: data.departmentId,
      }}
      onFinish={(v) =>
        void submit('save', async () => {
          await save.mutateAsync({
            enabled: v.enabled,
            title: trimmed(v.title),
            intro: trimmed(v.intro),
            perMinute: v.perMinute,
            priority: v.priority,
            typeIds: v.typeIds ?? [],
            departmentId: v.departmentId ?? null,
            version: data.version,
          });
          message.success(t('publicForm.saved'));
        })
      }
    >
      <Form.Item name="enabled" label={t('publicForm.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {link && data.enabled ? (
        <Form.Item label={t('publicForm.link')}>
          <Flex gap={8} wrap align="center">
            <Typography.Text
              copyable={false}
              style={{ wordBreak: 'break-all', flex: '1 1 260px' }}
              data-testid="ticket-form-link"
            >
              <a href={link} target="_blank" rel="noreferrer">
                {link}
              </a>
            </Typography.Text>
            <Button
              icon={<CopyOutlined aria-hidden />}
              onClick={() => void copyText(link).then((ok) => ok && message.success(t('publicForm.copied')))}
            >
              {t('publicForm.copy')}
            </Button>
            <Popconfirm
              title={t('publicForm.regenerate')}
              description={<div style={{ maxWidth: 260 }}>{t('publicForm.regenerateConfirm')}</div>}
              onConfirm={() =>
                regenerate
                  .mutateAsync({ version: data.version })
                  .then(() => message.success(t('publicForm.regenerated')), showError)
              }
            >
              <Button icon={<ReloadOutlined aria-hidden />} loading={regenerate.isPending}>
                {t('publicForm.regenerate')}
              </Button>
            </Popconfirm>
          </Flex>
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary">{t('publicForm.disabledHint')}</Typography.Paragraph>
      )}
      <Flex gap={12} wrap>
        <Form.Item
          name="title"
          label={t('publicForm.title')}
          rules={[rules.maxLength(ticketLimits.formTitle)]}
          style={{ flex: '1 1 260px' }}
        >
          <Input placeholder={t('publicForm.titlePlaceholder')} maxLength={ticketLimits.formTitle} />
        </Form.Item>
        <Form.Item name="priority" label={t('publicForm.priority')} style={{ flex: '0 1 160px' }}>
          <Select options={ticketPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="intro" label={t('publicForm.intro')} rules={[rules.maxLength(ticketLimits.formIntro)]}>
        <Input.TextArea rows={3} maxLength={ticketLimits.formIntro} />
      </Form.Item>
      <Form.Item name="typeIds" label={t('publicForm.types')} extra={t('publicForm.typesHelp')}>
        <Select
          mode="multiple"
          allowClear
          loading={types.isPending}
          maxCount={ticketLimits.formTypes}
          optionFilterProp="label"
          options={(types.data ?? [])
            .filter((i) => i.valid)
            .map((i) => ({ value: i.id, label: itemLabel(i) }))}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="perMinute"
          label={t('publicForm.perMinute')}
          extra={t('publicForm.perMinuteHelp')}
          rules={[rules.required()]}
          style={{ flex: '0 1 220px' }}
        >
          <InputNumber
            min={ticketLimits.formPerMinute.min}
            max={ticketLimits.formPerMinute.max}
            precision={0}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('publicForm.department')}
          extra={t('publicForm.departmentHelp')}
          style={{ flex: '1 1 260px' }}
        >
          <DepartmentTreeSelect />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" loading={saving === 'save'}>
        {t('settingsPage.save')}
      </Button>
    </Form>
  );
}
