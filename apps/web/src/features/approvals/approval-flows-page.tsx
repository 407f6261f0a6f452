import './texts.ts';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { ApprovalFlow, ApprovalFlowStep, ApprovalMode, CreateApprovalFlow } from '@guanxi/contract';
import { approvalDocumentTypes, approvalLimits, approvalModes } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { normaliseMoney } from '../customers/money.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { RoleSelect } from '../roles/role-select.tsx';
import { fetchUsers } from '../users/api.ts';
import { approvalKeys, fetchApprovalFlows, useDeleteApprovalFlow, useSaveApprovalFlow } from './api.ts';
import { money, useDocumentTypeLabel } from './labels.tsx';

type StepValues = {
  kind: ApprovalFlowStep['kind'];
  by?: 'levels' | 'role';
  levels?: number;
  untilRoleId?: string;
  roleId?: string;
  userIds?: string[];
  mode?: ApprovalMode;
};
type FlowValues = {
  name: string;
  documentType: CreateApprovalFlow['documentType'];
  active: boolean;
  minAmount?: string;
  maxAmount?: string;
  departmentIds?: string[];
  steps: StepValues[];
};

const toStep = (s: StepValues): ApprovalFlowStep =>
  s.kind === 'supervisor'
    ? s.by === 'role'
      ? { kind: 'supervisor', untilRoleId: s.untilRoleId! }
      : { kind: 'supervisor', levels: s.levels ?? 1 }
    : s.kind === 'role'
      ? { kind: 'role', roleId: s.roleId!, mode: s.mode ?? 'any' }
      : { kind: 'users', userIds: s.userIds ?? [], mode: s.mode ?? 'all' };

const fromStep = (s: ApprovalFlowStep): StepValues =>
  s.kind === 'supervisor'
    ? {
        kind: s.kind,
        by: s.untilRoleId ? 'role' : 'levels',
        levels: s.levels ?? 1,
        untilRoleId: s.untilRoleId,
      }
    : s.kind === 'role'
      ? { kind: s.kind, roleId: s.roleId, mode: s.mode ?? 'any' }
      : { kind: s.kind, userIds: s.userIds, mode: s.mode };

/** 审批流程 (system settings): flows per document type, their conditions and steps, versioned. */
export function ApprovalFlowsPage() {
  const { t } = useTranslation('approvals');
  const typeLabel = useDocumentTypeLabel();
  const [editing, setEditing] = useState<ApprovalFlow | 'new' | null>(null);
  const remove = useDeleteApprovalFlow();

  const columns = useMemo<ListColumn<ApprovalFlow>[]>(
    () => [
      {
        key: 'name',
        title: t('flows.fields.name'),
        alwaysVisible: true,
        sortable: true,
        render: (f) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(f)}>
            {f.name}
          </Button>
        ),
      },
      {
        key: 'documentType',
        title: t('flows.fields.documentType'),
        render: (f) => <Tag>{typeLabel(f.documentType)}</Tag>,
      },
      {
        key: 'conditions',
        title: t('flows.fields.conditions'),
        render: (f) => {
          const c = f.conditions;
          const amount =
            c.minAmount && c.maxAmount
              ? t('flows.amountRange', { min: money(c.minAmount), max: money(c.maxAmount) })
              : c.minAmount
                ? t('flows.amountAtLeast', { min: money(c.minAmount) })
                : c.maxAmount
                  ? t('flows.amountAtMost', { max: money(c.maxAmount) })
                  : t('flows.anyAmount');
          const departments = c.departmentIds.length
            ? c.departmentIds.map((id) => f.names[id]).join('、')
            : t('flows.anyDepartment');
          return `${amount}；${departments}`;
        },
      },
      {
        key: 'steps',
        title: t('flows.fields.steps'),
        render: (f) => <StepsSummary flow={f} />,
      },
      {
        key: 'active',
        title: t('flows.fields.active'),
        render: (f) => (f.active ? <Tag color="success">✓</Tag> : <Tag>—</Tag>),
      },
      { key: 'version', title: t('flows.fields.version'), align: 'center', render: (f) => `v${f.version}` },
      {
        key: 'updatedAt',
        title: t('flows.fields.updatedAt'),
        sortable: true,
        render: (f) => formatDateTime(f.updatedAt),
      },
      {
        key: 'actions',
        title: '',
        alwaysVisible: true,
        render: (f) => (
          <Space size={4}>
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              aria-label={t('flows.edit')}
              onClick={() => setEditing(f)}
            />
            <ConfirmDeleteButton
              look="icon"
              title={t('flows.deleteConfirm')}
              ariaLabel={t('actions.delete', { ns: 'common' })}
              onConfirm={() => remove.mutateAsync({ id: f.id, version: f.version })}
              doneMessage={t('flows.deleted')}
            />
          </Space>
        ),
      },
    ],
    [t, typeLabel, remove],
  );

  return (
    <>
      <PageHeader
        title={t('flows.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('flows.new')}
          </Button>
        }
      />
      <ListPage<ApprovalFlow>
        queryKey={approvalKeys.flows}
        fetcher={fetchApprovalFlows}
        columns={columns}
        rowKey={(f) => f.id}
        columnPreferenceKey="columns.approval-flows"
        searchPlaceholder={t('flows.searchPlaceholder')}
        emptyText={t('flows.empty')}
        defaultSort="-updatedAt"
        filterFields={[
          <Form.Item key="documentType" name="documentType" label={t('flows.fields.documentType')}>
            <Select
              allowClear
              options={approvalDocumentTypes.map((d) => ({ value: d, label: typeLabel(d) }))}
            />
          </Form.Item>,
        ]}
      />
      <FlowDrawer target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function StepsSummary({ flow }: { flow: ApprovalFlow }) {
  const { t } = useTranslation('approvals');
  return (
    <Flex vertical gap={2}>
      {flow.steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a flow's steps are positions
        <span key={i}>
          {i + 1}.{' '}
          {s.kind === 'supervisor'
            ? s.untilRoleId
              ? t('flows.step.upToValue', { role: flow.names[s.untilRoleId] })
              : t('flows.step.levelsValue', { levels: s.levels ?? 1 })
            : s.kind === 'role'
              ? `${t('stepKinds.role', { role: flow.names[s.roleId] })} · ${t(`modes.${s.mode ?? 'any'}`)}`
              : `${s.userIds.map((id) => flow.names[id]).join('、')} · ${t(`modes.${s.mode}`)}`}
        </span>
      ))}
    </Flex>
  );
}

function FlowDrawer({ target, onClose }: { target: ApprovalFlow | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation('approvals');
  const { message } = App.useApp();
  const typeLabel = useDocumentTypeLabel();
  const [form] = Form.useForm<FlowValues>();
  const save = useSaveApprovalFlow();
  const flow = target && target !== 'new' ? target : null;
  const [filledFor, setFilledFor] = useState<ApprovalFlow | 'new' | null>(null);
  if (target !== filledFor) {
    setFilledFor(target);
    if (target)
      form.setFieldsValue(
        flow
          ? {
              name: flow.name,
              documentType: flow.documentType,
              active: flow.active,
              minAmount: flow.conditions.minAmount ?? undefined,
              maxAmount: flow.conditions.maxAmount ?? undefined,
              departmentIds: flow.conditions.departmentIds,
              steps: flow.steps.map(fromStep),
            }
          : {
              name: '',
              documentType: 'marketing-plan',
              active: true,
              minAmount: undefined,
              maxAmount: undefined,
              departmentIds: [],
              steps: [{ kind: 'supervisor', by: 'levels', levels: 1 }],
            },
      );
  }
  const submit = async (v: FlowValues) => {
    const body = {
      name: v.name,
      documentType: v.documentType,
      active: v.active,
      conditions: {
        minAmount: normaliseMoney(v.minAmount),
        maxAmount: normaliseMoney(v.maxAmount),
        departmentIds: v.departmentIds ?? [],
      },
      steps: v.steps.map(toStep),
    };
    await save.mutateAsync(flow ? { id: flow.id, body: { ...body, version: flow.version } } : { body });
    message.success(t('flows.saved'));
    onClose();
  };
  return (
    <FormDrawer<FlowValues>
      open={!!target}
      title={flow ? `${t('flows.edit')} · v${flow.version}` : t('flows.new')}
      width={640}
      onClose={onClose}
      name="approval-flow"
      form={form}
      onSubmit={submit}
    >
      {flow ? <Typography.Paragraph type="secondary">{t('flows.versionNote')}</Typography.Paragraph> : null}
      <Form.Item name="name" label={t('flows.fields.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={approvalLimits.name} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="documentType"
          label={t('flows.fields.documentType')}
          rules={[{ required: true }]}
          style={{ minWidth: 200, flex: 1 }}
        >
          <Select options={approvalDocumentTypes.map((d) => ({ value: d, label: typeLabel(d) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('flows.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Typography.Title level={5}>{t('flows.fields.conditions')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item
          name={['minAmount']}
          label={t('flows.fields.minAmount')}
          style={{ flex: 1, minWidth: 160 }}
        >
          <Input prefix="¥" inputMode="decimal" placeholder={t('flows.anyAmount')} />
        </Form.Item>
        <Form.Item
          name={['maxAmount']}
          label={t('flows.fields.maxAmount')}
          style={{ flex: 1, minWidth: 160 }}
        >
          <Input prefix="¥" inputMode="decimal" placeholder={t('flows.anyAmount')} />
        </Form.Item>
      </Flex>
      <Form.Item name="departmentIds" label={t('flows.fields.departmentIds')}>
        <DepartmentTreeSelect multiple placeholder={t('flows.anyDepartment')} />
      </Form.Item>
      <Typography.Title level={5}>{t('flows.fields.steps')}</Typography.Title>
      <Form.List name="steps">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t('flows.step.label', { index: index + 1 })}
                extra={
                  <Space size={4}>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined aria-hidden />}
                      aria-label={t('flows.step.up')}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden />}
                      aria-label={t('flows.step.down')}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                    />
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('flows.step.remove')}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                }
              >
                <StepFields name={field.name} names={flow?.names ?? {}} />
              </Card>
            ))}
            {fields.length < approvalLimits.steps ? (
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ kind: 'supervisor', by: 'levels', levels: 1 })}
              >
                {t('flows.step.add')}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}

function StepFields({ name, names }: { name: number; names: Record<string, string> }) {
  const { t } = useTranslation('approvals');
  const form = Form.useFormInstance<FlowValues>();
  const kind = Form.useWatch(['steps', name, 'kind'], form);
  const by = Form.useWatch(['steps', name, 'by'], form);
  const modes = approvalModes.map((m) => ({ value: m, label: t(`modeHelp.${m}`) }));
  return (
    <>
      <Form.Item name={[name, 'kind']} label={t('flows.step.kind')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={(['supervisor', 'role', 'users'] as const).map((k) => ({
            value: k,
            label: t(`stepKinds.${k}`, { role: '' }).replace(/[：:]\s*$/, ''),
          }))}
        />
      </Form.Item>
      {kind === 'supervisor' ? (
        <>
          <Form.Item name={[name, 'by']} label={t('flows.step.supervisorBy')} initialValue="levels">
            <Radio.Group
              options={[
                { value: 'levels', label: t('flows.step.byLevels') },
                { value: 'role', label: t('flows.step.byRole') },
              ]}
            />
          </Form.Item>
          {by === 'role' ? (
            <Form.Item name={[name, 'untilRoleId']} label={t('flows.step.upTo')} rules={[{ required: true }]}>
              <RoleSelect />
            </Form.Item>
          ) : (
            <Form.Item
              name={[name, 'levels']}
              label={t('flows.step.levels')}
              initialValue={1}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={approvalLimits.levels} precision={0} />
            </Form.Item>
          )}
        </>
      ) : null}
      {kind === 'role' ? (
        <>
          <Form.Item
            name={[name, 'roleId']}
            label={t('flows.step.role')}
            extra={t('flows.step.roleHelp')}
            rules={[{ required: true }]}
          >
            <RoleSelect />
          </Form.Item>
          <Form.Item name={[name, 'mode']} label={t('flows.step.mode')} initialValue="any">
            <Radio.Group options={modes} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'users' ? (
        <>
          <Form.Item
            name={[name, 'userIds']}
            label={t('flows.step.users')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <UsersSelect names={names} />
          </Form.Item>
          <Form.Item name={[name, 'mode']} label={t('flows.step.mode')} initialValue="all">
            <Radio.Group options={modes} />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}

/** Several users, searched on the server; chosen ones keep their names while the search changes. */
function UsersSelect({
  value,
  onChange,
  id,
  names: given,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  /** Names of the users already chosen (the flow's). */
  names: Record<string, string>;
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Record<string, string>>(given);
  const { data, isFetching } = useQuery({
    queryKey: ['users', 'options', q],
    queryFn: ({ signal }) => fetchUsers({ page: 1, pageSize: 20, q: q || undefined }, signal),
    staleTime: 30_000,
  });
  const names = { ...known, ...Object.fromEntries((data?.data ?? []).map((u) => [u.id, u.name])) };
  const options = [
    ...(data?.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.username})` })),
    ...(value ?? [])
      .filter((v) => !(data?.data ?? []).some((u) => u.id === v))
      .map((v) => ({ value: v, label: names[v] ?? v })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: string[]) => {
        setKnown(names);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      options={options}
      maxCount={approvalLimits.users}
    />
  );
}
