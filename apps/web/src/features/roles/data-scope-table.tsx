import './texts.ts';
import { type DataScope, dataScopes } from '@guanxi/contract';
import { Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionModuleInfo } from './api.ts';
import { moduleLabel } from './labels.ts';

export const DEFAULT_SCOPE: DataScope = 'own';

type Props = {
  modules: PermissionModuleInfo[];
  value: Record<string, DataScope>;
  disabled?: boolean;
  onChange: (next: Record<string, DataScope>) => void;
};

/** One data scope per scoped module: own … all. */
export function DataScopeTable({ modules, value, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('roles');
  const scoped = modules.filter((m) => m.scoped);
  return (
    <Table<PermissionModuleInfo>
      className="matrix-table"
      size="small"
      rowKey="module"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={scoped}
      locale={{ emptyText: tr('scopes.none') }}
      columns={[
        {
          key: 'module',
          title: tr('matrix.module'),
          render: (_, m) => <Typography.Text strong>{moduleLabel(t, m.module)}</Typography.Text>,
        },
        {
          key: 'scope',
          title: tr('scopes.title'),
          render: (_, m) => (
            <Select<DataScope>
              aria-label={tr('scopes.of', { module: moduleLabel(t, m.module) })}
              style={{ width: 290, maxWidth: '100%' }}
              popupMatchSelectWidth={false}
              value={value[m.module] ?? DEFAULT_SCOPE}
              disabled={disabled}
              onChange={(scope) => onChange({ ...value, [m.module]: scope })}
              options={dataScopes.map((s) => ({ value: s, label: tr(`scopes.values.${s}`) }))}
            />
          ),
        },
      ]}
    />
  );
}
