import './texts.ts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type TicketRule, ticketLimits } from '@guanxi/contract';
import { App, Button, Card, Flex, Form, Input, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCreateTicketRule, useDeleteTicketRule, useTicketRules, useUpdateTicketRule } from './api.ts';

type Values = {
  name: string;
  priority?: number | null;
  typeId?: string | null;
  regionId?: string | null;
  departmentId: string;
  active: boolean;
};

/**
 * 分配规则: a new ticket goes to the first active rule (by order) whose type is the ticket's and
 * whose region is the customer's or above it, round-robin among the rule's department's people.
 */
export function TicketRulesCard() {
  const { t } = useTranslation('tickets');
  const isPhone = useIsPhone();
  const rules = useTicketRules();
  const remove = useDeleteTicketRule();
  // null: closed; 'new': a new rule; else the rule being edited
  const [editing, setEditing] = useState<TicketRule | 'new' | null>(null);
  const any = <Typography.Text type="secondary">{t('rules.any')}</Typography.Text>;
  return (
    <Card
      title={t('rules.title')}
      size="small"
      extra={
        <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('rules.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('rules.help')}</Typography.Paragraph>
      {rules.isError ? (
        <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Table<TicketRule>
          size="small"
          rowKey="id"
          loading={rules.isPending}
          dataSource={rules.data ?? []}
          pagination={false}
          scroll={isPhone ? { x: 640 } : undefined}
          locale={{ emptyText: t('rules.empty') }}
          columns={[
            { key: 'priority', title: t('rules.order'), width: 64, render: (r: TicketRule) => r.priority },
            { key: 'name', title: t('rules.name'), render: (r: TicketRule) => r.name },
            { key: 'type', title: t('fields.type'), render: (r: TicketRule) => r.typeName ?? any },
            { key: 'region', title: t('rules.region'), render: (r: TicketRule) => r.regionName ?? any },
            { key: 'department', title: t('rules.department'), render: (r: TicketRule) => r.departmentName },
            {
              key: 'active',
              title: t('rules.state'),
              render: (r: TicketRule) =>
                r.active ? <Tag color="green">{t('rules.on')}</Tag> : <Tag>{t('rules.off')}</Tag>,
            },
            {
              key: 'actions',
              title: '',
              width: 88,
              render: (r: TicketRule) => (
                <Flex gap={4}>
                  <IconAction
                    icon={<EditOutlined aria-hidden />}
                    label={`${t('rules.edit')} ${r.name}`}
                    onClick={() => setEditing(r)}
                  />
                  <ConfirmDeleteButton
                    look="icon"
                    title={t('rules.deleteConfirm', { name: r.name })}
                    ariaLabel={`${t('rules.delete')} ${r.name}`}
                    doneMessage={t('rules.deleted')}
                    onConfirm={() => remove.mutateAsync({ id: r.id, version: r.version })}
                  />
                </Flex>
              ),
            },
          ]}
        />
      )}
      <RuleDialog editing={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function RuleDialog({ editing, onClose }: { editing: TicketRule | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreateTicketRule();
  const update = useUpdateTicketRule();
  const rule = editing && editing !== 'new' ? editing : null;
  const title = rule ? t('rules.edit') : t('rules.add');
  return (
    <FormModal<Values>
      open={!!editing}
      name="ticket-rule-form"
      title={title}
      initialValues={
        rule
          ? {
              name: rule.name,
              priority: rule.priority,
              typeId: rule.typeId,
              regionId: rule.regionId,
              departmentId: rule.departmentId,
              active: rule.active,
            }
          : { active: true }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const input = {
          name: v.name.trim(),
          priority: v.priority ?? undefined,
          typeId: v.typeId ?? null,
          regionId: v.regionId ?? null,
          departmentId: v.departmentId,
          active: v.active,
        };
        if (rule) await update.mutateAsync({ id: rule.id, version: rule.version, ...input });
        else await create.mutateAsync(input);
        message.success(t('rules.saved'));
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('rules.name')}
        rules={[rules.required(), rules.maxLength(ticketLimits.ruleName)]}
      >
        <Input maxLength={ticketLimits.ruleName} />
      </Form.Item>
      <Form.Item name="typeId" label={t('fields.type')} extra={t('rules.anyHelp')}>
        <DictionarySelect type="service-type" />
      </Form.Item>
      <Form.Item name="regionId" label={t('rules.region')} extra={t('rules.regionHelp')}>
        <DictionarySelect type="region" />
      </Form.Item>
      <Form.Item name="departmentId" label={t('rules.department')} rules={[rules.required()]}>
        <DepartmentTreeSelect />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="priority"
          label={t('rules.order')}
          extra={t('rules.orderHelp')}
          style={{ flex: '1 1 160px' }}
        >
          <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="active" label={t('rules.state')} valuePropName="checked">
          <Switch aria-label={t('rules.on')} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
