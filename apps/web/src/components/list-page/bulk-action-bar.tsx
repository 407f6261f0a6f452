import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import type { BulkAction } from './types.ts';

type Props<T> = {
  actions: BulkAction<T>[];
  rows: T[];
  onDone: () => void;
  onClear: () => void;
};

/** Shown while rows are selected: the count, the bulk actions (confirmed when destructive), clear. */
export function BulkActionBar<T>({ actions, rows, onDone, onClear }: Props<T>) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [running, setRunning] = useState<string | null>(null);

  const run = async (action: BulkAction<T>) => {
    setRunning(action.key);
    try {
      const result = await action.onRun(rows);
      if (result === false) return; // cancelled in the action's own dialog
      if (action.report) action.report(result, rows);
      else message.success(t('list.bulkDone', { count: rows.length }));
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setRunning(null);
    }
  };

  const start = (action: BulkAction<T>) => {
    if (!action.confirm) {
      void run(action);
      return;
    }
    modal.confirm({
      title: action.label,
      content: action.confirm(rows.length),
      okText: t('actions.confirm'),
      cancelText: t('actions.cancel'),
      okButtonProps: { danger: action.danger },
      onOk: () => run(action),
    });
  };

  return (
    <Flex
      className="list-bulk-bar"
      align="center"
      gap={8}
      wrap
      role="toolbar"
      aria-label={t('list.bulkActions')}
    >
      <Typography.Text>{t('list.selected', { count: rows.length })}</Typography.Text>
      {actions.map((action) => (
        <Button
          key={action.key}
          size="small"
          icon={action.icon}
          danger={action.danger}
          loading={running === action.key}
          onClick={() => start(action)}
        >
          {action.label}
        </Button>
      ))}
      <Button size="small" type="link" onClick={onClear}>
        {t('list.clearSelection')}
      </Button>
    </Flex>
  );
}
