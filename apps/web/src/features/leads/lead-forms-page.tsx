import './texts.ts';
import { CopyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type LeadForm, type LeadRule, leadFormOptionalFields, leadLimits } from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import {
  useDeleteLeadForm,
  useDeleteLeadRule,
  useLeadForms,
  useLeadRules,
  useLeadSettings,
  useSaveLeadForm,
  useSaveLeadRule,
  useSaveLeadSettings,
} from './api.ts';
import { CampaignSelect } from './pickers.tsx';

const publicLink = (token: string) => `${window.location.origin}/f/${token}`;

/** 表单与分配规则: public web forms (with their links), the assignment rules, the pool's daily limit. */
export function LeadFormsPage() {
  const { t } = useTranslation('leads');
  return (
    <>
      <PageHeader title={t('forms.title')} onBack={() => history.back()} />
      <Card>
        <Tabs
          items={[
            { key: 'forms', label: t('forms.tabForms'), children: <Forms /> },
            { key: 'rules', label: t('forms.tabRules'), children: <Rules /> },
            { key: 'settings', label: t('forms.tabSettings'), children: <Settings /> },
          ]}
        />
      </Card>
    </>
  );
}

function Forms() {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const forms = useLeadForms();
  const remove = useDeleteLeadForm();
  const [editing, setEditing] = useState<{ form: LeadForm | null } | null>(null);
  if (forms.isError) return <QueryError error={forms.error} onRetry={() => void forms.refetch()} />;
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ form: null })}>
          {t('forms.new')}
        </Button>
      </Flex>
      <Table<LeadForm>
        size="small"
        rowKey="id"
        loading={forms.isLoading}
        dataSource={forms.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('forms.empty') }}
        columns={[
          {
            key: 'name',
            title: t('forms.name'),
            render: (_, f) => (
              <>
                {f.name} {f.active ? null : <Tag>{t('forms.inactive')}</Tag>}
              </>
            ),
          },
          {
            key: 'link',
            title: t('forms.link'),
            render: (_, f) => (
              <Flex gap={4} align="center">
                <Typography.Link href={`/f/${f.token}`} target="_blank" ellipsis style={{ maxWidth: 220 }}>
                  /f/{f.token}
                </Typography.Link>
                <Button
                  size="small"
                  type="text"
                  icon={<CopyOutlined aria-hidden />}
                  aria-label={t('forms.copy')}
                  onClick={() =>
                    void navigator.clipboard
                      ?.writeText(publicLink(f.token))
                      .then(() => message.success(t('forms.copied')))
                  }
                />
              </Flex>
            ),
          },
          { key: 'leads', title: t('forms.leads'), dataIndex: 'leads', align: 'right' },
          { key: 'perMinute', title: t('forms.perMinute'), dataIndex: 'perMinute', align: 'right' },
          {
            key: 'actions',
            title: '',
            render: (_, f) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('forms.edit')}
                  onClick={() => setEditing({ form: f })}
                />
                <ConfirmDeleteButton
                  look="icon"
                  title={t('forms.deleteConfirm')}
                  onConfirm={() => remove.mutateAsync({ id: f.id, version: f.version })}
                />
              </Flex>
            ),
          },
        ]}
      />
      <FormEditor target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

type FormValues = {
  name: string;
  title: string;
  intro?: string;
  campaignId?: string | null;
  sourceId?: string | null;
  fields: LeadForm['fields'];
  perMinute: number;
  active: boolean;
};

function FormEditor({ target, onClose }: { target: { form: LeadForm | null } | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const rules = useFormRules();
  const save = useSaveLeadForm();
  const can = useCan();
  const f = target?.form;
  return (
    <FormModal<FormValues>
      open={!!target}
      name="lead-form"
      title={f ? t('forms.edit') : t('forms.new')}
      initialValues={
        f
          ? { ...f, intro: f.intro ?? undefined }
          : { fields: [...leadFormOptionalFields], perMinute: 600, active: true }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const values = {
          ...v,
          intro: v.intro || null,
          campaignId: v.campaignId ?? null,
          sourceId: v.sourceId ?? null,
        };
        await (f ? save.mutateAsync({ id: f.id, version: f.version, ...values }) : save.mutateAsync(values));
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('forms.name')}
        rules={[rules.required(), rules.maxLength(leadLimits.formName)]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('forms.pageTitle')}
        rules={[rules.required(), rules.maxLength(leadLimits.formTitle)]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="intro" label={t('forms.intro')} rules={[rules.maxLength(leadLimits.formIntro)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="fields" label={t('forms.fields')}>
        <Checkbox.Group
          options={leadFormOptionalFields.map((k) => ({ value: k, label: t(`fields.${k}`) }))}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="sourceId" label={t('fields.source')} style={{ flex: '1 1 180px' }}>
          <DictionarySelect type="customer-source" />
        </Form.Item>
        {can('campaigns:view') ? (
          <Form.Item name="campaignId" label={t('fields.campaign')} style={{ flex: '1 1 180px' }}>
            <CampaignSelect />
          </Form.Item>
        ) : null}
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="perMinute" label={t('forms.perMinute')} rules={[rules.required()]}>
          <InputNumber min={leadLimits.formPerMinute.min} max={leadLimits.formPerMinute.max} />
        </Form.Item>
        <Form.Item name="active" label={t('forms.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

function Rules() {
  const { t } = useTranslation('leads');
  const list = useLeadRules();
  const remove = useDeleteLeadRule();
  const [editing, setEditing] = useState<{ rule: LeadRule | null } | null>(null);
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('rules.hint')}</Typography.Paragraph>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ rule: null })}>
          {t('rules.new')}
        </Button>
      </Flex>
      <Table<LeadRule>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('rules.empty') }}
        columns={[
          { key: 'priority', title: '#', dataIndex: 'priority', width: 48 },
          {
            key: 'name',
            title: t('rules.name'),
            render: (_, r) => (
              <>
                {r.name} {r.active ? null : <Tag>{t('forms.inactive')}</Tag>}
              </>
            ),
          },
          {
            key: 'regionCode',
            title: t('fields.regionCode'),
            render: (_, r) => r.regionCode ?? t('rules.any'),
          },
          { key: 'department', title: t('rules.department'), render: (_, r) => r.departmentName },
          {
            key: 'actions',
            title: '',
            render: (_, r) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('rules.edit')}
                  onClick={() => setEditing({ rule: r })}
                />
                <ConfirmDeleteButton
                  look="icon"
                  title={t('rules.deleteConfirm')}
                  onConfirm={() => remove.mutateAsync({ id: r.id, version: r.version })}
                />
              </Flex>
            ),
          },
        ]}
      />
      <RuleEditor target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

type RuleValues = {
  name: string;
  priority: number;
  regionCode?: string;
  sourceId?: string | null;
  campaignId?: string | null;
  departmentId: string;
  active: boolean;
};

function RuleEditor({ target, onClose }: { target: { rule: LeadRule | null } | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const rules = useFormRules();
  const save = useSaveLeadRule();
  const can = useCan();
  const r = target?.rule;
  return (
    <FormModal<RuleValues>
      open={!!target}
      name="lead-rule"
      title={r ? t('rules.edit') : t('rules.new')}
      initialValues={r ? { ...r, regionCode: r.regionCode ?? undefined } : { priority: 0, active: true }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const values = {
          ...v,
          regionCode: v.regionCode || null,
          sourceId: v.sourceId ?? null,
          campaignId: v.campaignId ?? null,
        };
        await (r ? save.mutateAsync({ id: r.id, version: r.version, ...values }) : save.mutateAsync(values));
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('rules.name')}
        rules={[rules.required(), rules.maxLength(leadLimits.ruleName)]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="departmentId" label={t('rules.department')} rules={[rules.required()]}>
        <DepartmentTreeSelect />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="priority" label={t('rules.priority')} style={{ flex: '1 1 160px' }}>
          <InputNumber min={0} max={10000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('rules.regionCode')} style={{ flex: '1 1 160px' }}>
          <Input inputMode="numeric" placeholder={t('rules.any')} />
        </Form.Item>
      </Flex>
      <Form.Item name="sourceId" label={t('rules.source')}>
        <DictionarySelect type="customer-source" placeholder={t('rules.any')} />
      </Form.Item>
      {can('campaigns:view') ? (
        <Form.Item name="campaignId" label={t('rules.campaign')}>
          <CampaignSelect placeholder={t('rules.any')} />
        </Form.Item>
      ) : null}
      <Form.Item name="active" label={t('rules.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

function Settings() {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const settings = useLeadSettings();
  const save = useSaveLeadSettings();
  const showError = useShowError();
  const [form] = Form.useForm<{ grabDailyLimit: number }>();
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return null;
  return (
    <Form
      form={form}
      name="lead-settings"
      layout="vertical"
      initialValues={settings.data}
      style={{ maxWidth: 360 }}
      onFinish={(v) =>
        save
          .mutateAsync({ grabDailyLimit: v.grabDailyLimit, version: settings.data.version })
          .then(() => message.success(t('settings.saved')))
          .catch((e) => showError(e, form))
      }
    >
      <Form.Item name="grabDailyLimit" label={t('settings.grabDailyLimit')}>
        <InputNumber min={leadLimits.grabDailyLimit.min} max={leadLimits.grabDailyLimit.max} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('actions.save', { ns: 'common' })}
      </Button>
    </Form>
  );
}
