import './texts.ts';
import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, RetweetOutlined } from '@ant-design/icons';
import { type CustomField, type CustomFieldEntity, optionTypes } from '@guanxi/contract';
import { App, Flex, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { IconAction } from '../../components/icon-action.tsx';
import { justCreatedRow, useRevealRow } from '../../components/just-created.ts';
import { MoveToButton } from '../../components/move-to-button.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useDeleteCustomField, useMoveCustomField, useSetCustomFieldEnabled } from './api.ts';

type Props = {
  entity: CustomFieldEntity;
  fields: CustomField[] | undefined;
  loading: boolean;
  /** The field just added: its row is marked and scrolled into view. */
  created?: string | null;
  onEdit: (field: CustomField) => void;
  onReplace: (field: CustomField) => void;
};

/** The fields of one record type in order: type, required, the enabled switch and the row actions. */
export function CustomFieldTable({ entity, fields, loading, created, onEdit, onReplace }: Props) {
  const { t } = useTranslation('customFields');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const move = useMoveCustomField(entity);
  const setEnabled = useSetCustomFieldEnabled(entity);
  const remove = useDeleteCustomField(entity);
  const total = fields?.length ?? 0;
  const byKey = new Map((fields ?? []).map((f) => [f.key, f]));
  useRevealRow(created, !!fields?.some((f) => f.id === created));

  // errors are shown here; the promise always settles so confirmations close
  const run = (work: Promise<unknown>, done: string) =>
    work.then(
      () => void message.success(done),
      (e) => showError(e),
    );
  const moveTo = (f: CustomField, to: number) => run(move.mutateAsync({ id: f.id, to }), t('done.moved'));

  const typeTag = (f: CustomField) => <Tag>{t(`types.${f.type}`)}</Tag>;
  const titleCell = (f: CustomField) => (
    <Flex vertical align="flex-start" gap={2}>
      <Flex wrap gap={4} align="center">
        <Typography.Text strong type={f.enabled ? undefined : 'secondary'}>
          {f.title}
        </Typography.Text>
        {isPhone ? typeTag(f) : null}
        {isPhone && f.required ? <Tag color="orange">{t('fields.required')}</Tag> : null}
      </Flex>
      {f.type === 'dropdown' || f.type === 'multi-select' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
          {f.options.map((o) => o.label).join(' / ')}
          {f.dependsOn ? ` · ${t('fields.dependsOn')}: ${byKey.get(f.dependsOn)?.title ?? f.dependsOn}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );

  const columns: TableColumnsType<CustomField> = [
    {
      key: 'sortOrder',
      title: t('fields.sortOrder'),
      dataIndex: 'sortOrder',
      width: isPhone ? 52 : 64,
      align: 'right',
    },
    { key: 'title', title: t('fields.title'), render: (_, f) => titleCell(f) },
    ...(isPhone
      ? []
      : ([
          { key: 'type', title: t('fields.type'), width: 110, render: (_, f) => typeTag(f) },
          {
            key: 'required',
            title: t('fields.required'),
            width: 80,
            render: (_, f) => (f.required ? <Tag color="orange">{t('yes')}</Tag> : t('no')),
          },
        ] satisfies TableColumnsType<CustomField>)),
    {
      key: 'enabled',
      title: t('fields.enabled'),
      width: isPhone ? 56 : 80,
      render: (_, f) => (
        <Switch
          size={isPhone ? 'small' : 'default'}
          checked={f.enabled}
          loading={setEnabled.isPending && setEnabled.variables?.id === f.id}
          aria-label={t(f.enabled ? 'actions.disable' : 'actions.enable', { title: f.title })}
          onChange={(enabled) =>
            void run(
              setEnabled.mutateAsync({ id: f.id, version: f.version, enabled }),
              t(enabled ? 'done.enabled' : 'done.disabled'),
            )
          }
        />
      ),
    },
    {
      key: 'actions',
      title: tc('columns.actions'),
      width: isPhone ? 4 * 26 : undefined,
      render: (_, f) => (
        <Flex gap={2} wrap={isPhone}>
          <IconAction
            label={t('actions.edit')}
            icon={<EditOutlined aria-hidden />}
            onClick={() => onEdit(f)}
          />
          <IconAction
            label={t('actions.moveUp')}
            icon={<ArrowUpOutlined aria-hidden />}
            disabled={move.isPending || f.sortOrder <= 1}
            onClick={() => void moveTo(f, f.sortOrder - 1)}
          />
          <IconAction
            label={t('actions.moveDown')}
            icon={<ArrowDownOutlined aria-hidden />}
            disabled={move.isPending || f.sortOrder >= total}
            onClick={() => void moveTo(f, f.sortOrder + 1)}
          />
          <MoveToButton
            ns="customFields"
            position={f.sortOrder}
            count={total}
            onMove={(to) => moveTo(f, to)}
          />
          {optionTypes.includes(f.type) ? (
            <IconAction
              label={t('actions.replace')}
              icon={<RetweetOutlined aria-hidden />}
              onClick={() => onReplace(f)}
            />
          ) : null}
          <ConfirmDeleteButton
            look="icon"
            title={t('confirm.delete', { title: f.title })}
            ariaLabel={t('actions.delete')}
            onConfirm={() => remove.mutateAsync({ id: f.id, version: f.version })}
            doneMessage={t('done.deleted')}
          />
        </Flex>
      ),
    },
  ];

  return (
    <Table<CustomField>
      rowKey="id"
      rowClassName={justCreatedRow(created)}
      size={isPhone ? 'small' : 'middle'}
      columns={columns}
      dataSource={fields}
      loading={loading}
      pagination={false}
      tableLayout="fixed"
      locale={{ emptyText: t('empty') }}
    />
  );
}
