import './texts.ts';
import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { type DictionaryItem, type DictionaryType, dictionaryTypes } from '@guanxi/contract';
import { App, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { justCreatedRow, useRevealRow } from '../../components/just-created.ts';
import { BulkActionBar } from '../../components/list-page/bulk-action-bar.tsx';
import type { BulkAction } from '../../components/list-page/types.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import {
  useDeleteDictionaryItem,
  useDictionaryLevels,
  useMoveDictionaryItem,
  useSetDictionaryValidity,
  useUpdateDictionaryItem,
} from './api.ts';
import { ItemActions, type ItemHandlers } from './item-actions.tsx';
import { cleanValues, ItemFormModal } from './item-form-modal.tsx';
import { buildRows, type ItemRow } from './item-rows.ts';

function StatusTag({ valid }: { valid: boolean }) {
  const { t } = useTranslation('dictionaries');
  return valid ? <Tag color="success">{t('status.valid')}</Tag> : <Tag>{t('status.invalid')}</Tag>;
}

/** The rows hold this item, at any depth. */
function holds(rows: ItemRow[], id: string): boolean {
  return rows.some((r) => r.id === id || holds(r.children ?? [], id));
}

type Props = {
  type: DictionaryType;
  /** Opens the add form under this item (tree dictionaries). */
  onAddChild: (parent: ItemRow) => void;
  /** Parents whose children are shown, kept by the page so a new child's parent can be opened. */
  expanded: string[];
  onExpandedChange: (keys: string[]) => void;
  /** The item just added: its row is marked and scrolled into view. */
  created?: string | null;
};

/**
 * The items of one dictionary in order, with row actions and bulk invalidate / restore. Tree
 * dictionaries load one level at a time, when a row is expanded.
 */
export function DictionaryItemsTable({ type, onAddChild, expanded, onExpandedChange, created }: Props) {
  const { t } = useTranslation('dictionaries');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const tree = dictionaryTypes[type].tree;
  // every parent opened once stays loaded, so collapsing and re-opening does not flash empty
  const [opened, setOpened] = useState<string[]>(expanded);
  const loadedParents = useMemo(() => [...new Set([...opened, ...expanded])], [opened, expanded]);
  const levels = useDictionaryLevels(type, loadedParents);
  const [selected, setSelected] = useState<Map<string, ItemRow>>(new Map());
  const [editing, setEditing] = useState<ItemRow | null>(null);
  const update = useUpdateDictionaryItem(type);
  const move = useMoveDictionaryItem(type);
  const validity = useSetDictionaryValidity(type);
  const remove = useDeleteDictionaryItem(type);

  const root = levels[0];
  const rows = useMemo(() => {
    const byParent = new Map<string, DictionaryItem[]>();
    ['root', ...loadedParents].forEach((parentId, i) => {
      const data = levels[i]?.data?.data;
      if (data) byParent.set(parentId, data);
    });
    return buildRows(byParent, tree);
  }, [levels, loadedParents, tree]);
  useRevealRow(created, !!created && holds(rows, created));

  // errors are shown here; the promise always settles so confirmations close
  const run = (work: Promise<unknown>, done: string) =>
    work.then(
      () => void message.success(done),
      (e) => showError(e),
    );

  const handlers: ItemHandlers = {
    onEdit: setEditing,
    onAddChild,
    onMove: (row, to) => run(move.mutateAsync({ id: row.id, to }), t('done.moved')),
    onSetValid: (row, valid) =>
      run(validity.mutateAsync({ ids: [row.id], valid }), valid ? t('done.restored') : t('done.invalidated')),
    onDelete: (row) => remove.mutateAsync({ id: row.id, version: row.version }),
  };

  const bulkActions: BulkAction<ItemRow>[] = [
    {
      key: 'invalidate',
      label: t('bulk.invalidate'),
      icon: <StopOutlined aria-hidden />,
      danger: true,
      confirm: (count) => t(tree ? 'confirm.bulkInvalidateTree' : 'confirm.bulkInvalidate', { count }),
      onRun: (list) => validity.mutateAsync({ ids: list.map((r) => r.id), valid: false }),
    },
    {
      key: 'restore',
      label: t('bulk.restore'),
      icon: <UndoOutlined aria-hidden />,
      onRun: (list) => validity.mutateAsync({ ids: list.map((r) => r.id), valid: true }),
    },
  ];

  // an invalid item is greyed; on phones the English name and status fold into this cell
  const nameCell = (row: ItemRow) => {
    const name = <Typography.Text type={row.valid ? undefined : 'secondary'}>{row.name}</Typography.Text>;
    if (!isPhone) return name;
    return (
      <Flex vertical align="flex-start">
        <span>
          {name} {row.valid ? null : <StatusTag valid={false} />}
        </span>
        {row.nameEn ? <Typography.Text type="secondary">{row.nameEn}</Typography.Text> : null}
      </Flex>
    );
  };

  const columns: TableColumnsType<ItemRow> = [
    {
      key: 'sortOrder',
      title: t('fields.sortOrder'),
      dataIndex: 'sortOrder',
      width: isPhone ? 40 : 56,
      align: 'right',
    },
    { key: 'name', title: t('fields.name'), render: (_, row) => nameCell(row) },
    ...(isPhone
      ? []
      : ([
          { key: 'nameEn', title: t('fields.nameEn'), dataIndex: 'nameEn' },
          {
            key: 'remark',
            title: t('fields.remark'),
            dataIndex: 'remark',
            ellipsis: { showTitle: true },
            width: '30%',
          },
          {
            key: 'status',
            title: t('fields.status'),
            width: 88,
            render: (_, row) => <StatusTag valid={row.valid} />,
          },
        ] satisfies TableColumnsType<ItemRow>)),
    {
      key: 'actions',
      title: tc('columns.actions'),
      render: (_, row) => (
        <ItemActions row={row} tree={tree} handlers={handlers} moving={move.isPending} compact={isPhone} />
      ),
    },
  ];

  if (root?.isError && !root.data) {
    return <QueryError error={root.error} onRetry={() => void root.refetch()} />;
  }

  return (
    <Flex vertical gap={12}>
      {selected.size > 0 ? (
        <BulkActionBar
          actions={bulkActions}
          rows={[...selected.values()]}
          onClear={() => setSelected(new Map())}
          onDone={() => setSelected(new Map())}
        />
      ) : null}
      <Table<ItemRow>
        className="list-table"
        size="small"
        rowKey="id"
        rowClassName={justCreatedRow(created)}
        columns={columns}
        dataSource={rows}
        pagination={false}
        loading={levels.some((l) => l.isFetching)}
        scroll={{ x: 'max-content' }}
        indentSize={isPhone ? 8 : 16}
        expandable={{
          // the arrow sits by the name, not by the sort order (antd counts this index one past
          // the selection column: 3 → selection, sort order, *name*)
          expandIconColumnIndex: 3,
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => {
            const next = keys.map(String);
            setOpened((o) => [...new Set([...o, ...next])]);
            onExpandedChange(next);
          },
        }}
        locale={{
          emptyText: root?.isPending ? (
            <div style={{ height: 120 }} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
          ),
        }}
        rowSelection={{
          checkStrictly: true,
          columnWidth: 32,
          getTitleCheckboxProps: () => ({ 'aria-label': tc('list.selectAll') }),
          getCheckboxProps: (row) => ({ 'aria-label': tc('list.selectRowNamed', { name: row.name }) }),
          selectedRowKeys: [...selected.keys()],
          onChange: (_keys, list) => setSelected(new Map(list.filter(Boolean).map((r) => [r.id, r]))),
        }}
      />
      <ItemFormModal
        open={!!editing}
        title={t('actions.editOf', { name: editing?.name ?? '' })}
        initial={editing ?? undefined}
        onCancel={() => setEditing(null)}
        onSubmit={async (values) => {
          if (!editing) return;
          await update.mutateAsync({ id: editing.id, version: editing.version, ...cleanValues(values) });
          message.success(tc('status.saved'));
          setEditing(null);
        }}
      />
    </Flex>
  );
}
