import './texts.ts';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Flex, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { IconAction } from '../../components/icon-action.tsx';
import { MoveToButton } from '../../components/move-to-button.tsx';
import type { ItemRow } from './item-rows.ts';

export type ItemHandlers = {
  onEdit: (row: ItemRow) => void;
  onAddChild: (row: ItemRow) => void;
  onMove: (row: ItemRow, to: number) => Promise<unknown>;
  onSetValid: (row: ItemRow, valid: boolean) => Promise<unknown>;
  onDelete: (row: ItemRow) => Promise<unknown>;
};

type Props = {
  row: ItemRow;
  tree: boolean;
  handlers: ItemHandlers;
  /** A move is under way: moving again now would start from a stale position. */
  moving?: boolean;
  /** Phones: the buttons wrap, four to a line, so the table fits the screen. */
  compact?: boolean;
};

/** The actions of one row; an invalid item is view-only (no edit, no children) until restored. */
export function ItemActions({ row, tree, handlers, moving, compact }: Props) {
  const { t } = useTranslation('dictionaries');
  const { t: tc } = useTranslation();
  return (
    <Flex gap={2} wrap={compact} style={compact ? { width: 4 * 26 } : undefined}>
      <IconAction
        label={t('actions.edit')}
        icon={<EditOutlined aria-hidden />}
        disabled={!row.valid}
        onClick={() => handlers.onEdit(row)}
      />
      {tree ? (
        <IconAction
          label={t('actions.addChild')}
          icon={<PlusOutlined aria-hidden />}
          disabled={!row.valid}
          onClick={() => handlers.onAddChild(row)}
        />
      ) : null}
      <IconAction
        label={t('actions.moveUp')}
        icon={<ArrowUpOutlined aria-hidden />}
        disabled={moving || row.sortOrder <= 1}
        onClick={() => void handlers.onMove(row, row.sortOrder - 1)}
      />
      <IconAction
        label={t('actions.moveDown')}
        icon={<ArrowDownOutlined aria-hidden />}
        disabled={moving || row.sortOrder >= row.siblings}
        onClick={() => void handlers.onMove(row, row.sortOrder + 1)}
      />
      <MoveToButton
        ns="dictionaries"
        position={row.sortOrder}
        count={row.siblings}
        onMove={(to) => handlers.onMove(row, to)}
      />
      {row.valid ? (
        <Popconfirm
          title={t('actions.invalidate')}
          description={t(tree ? 'confirm.invalidateTree' : 'confirm.invalidate', { name: row.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() => handlers.onSetValid(row, false)}
          okText={tc('actions.confirm')}
          cancelText={tc('actions.cancel')}
        >
          {/* the span takes the popconfirm's trigger, so the tooltip keeps its own */}
          <span>
            <IconAction label={t('actions.invalidate')} icon={<StopOutlined aria-hidden />} />
          </span>
        </Popconfirm>
      ) : (
        <IconAction
          label={t('actions.restore')}
          icon={<UndoOutlined aria-hidden />}
          onClick={() => void handlers.onSetValid(row, true)}
        />
      )}
      <ConfirmDeleteButton
        look="icon"
        title={t('actions.delete')}
        description={t('confirm.delete', { name: row.name })}
        ariaLabel={t('actions.delete')}
        onConfirm={() => handlers.onDelete(row)}
        doneMessage={t('done.deleted')}
      />
    </Flex>
  );
}
