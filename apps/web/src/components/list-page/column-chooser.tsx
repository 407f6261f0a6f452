import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListColumn } from './types.ts';
import type { ColumnVisibility } from './use-column-preference.ts';

export function isColumnVisible<T>(column: ListColumn<T>, visibility: ColumnVisibility): boolean {
  if (column.alwaysVisible) return true;
  return visibility[column.key] ?? !column.defaultHidden;
}

type Props<T> = {
  columns: ListColumn<T>[];
  visibility: ColumnVisibility;
  onChange: (next: ColumnVisibility) => void;
};

/** Popover with one checkbox per column (button: 列设置 / Columns). */
export function ColumnChooser<T>({ columns, visibility, onChange }: Props<T>) {
  const { t } = useTranslation();
  const choosable = columns.filter((c) => !c.alwaysVisible);
  const content = (
    <Flex vertical gap={6} style={{ minWidth: 180, maxHeight: 360, overflowY: 'auto' }}>
      {choosable.map((column) => (
        <Checkbox
          key={column.key}
          checked={isColumnVisible(column, visibility)}
          onChange={(e) => onChange({ ...visibility, [column.key]: e.target.checked })}
        >
          {column.title}
        </Checkbox>
      ))}
      <Flex justify="flex-end" style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 6 }}>
        <Button size="small" type="link" onClick={() => onChange({})}>
          {t('list.resetColumns')}
        </Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={<Typography.Text strong>{t('list.columns')}</Typography.Text>}
      content={content}
    >
      <Button
        icon={<SettingOutlined aria-hidden />}
        aria-label={t('list.columns')}
        title={t('list.columns')}
      />
    </Popover>
  );
}
