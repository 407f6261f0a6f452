import './texts.ts';
import { Checkbox, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionModuleInfo } from './api.ts';
import { actionLabel, moduleLabel } from './labels.ts';

const actionOrder = [
  'view',
  'create',
  'edit',
  'delete',
  'export',
  'import',
  'assign',
  'approve',
  'transfer',
  'admin',
];

type Props = {
  modules: PermissionModuleInfo[];
  value: Set<string>;
  disabled?: boolean;
  onChange: (next: Set<string>) => void;
};

/** Rows = modules, columns = actions, a checkbox per offered action and an "all" toggle per row. */
export function PermissionMatrix({ modules, value, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('roles');
  const used = new Set(modules.flatMap((m) => m.actions));
  const actions = [
    ...actionOrder.filter((a) => used.has(a)),
    ...[...used].filter((a) => !actionOrder.includes(a)).sort(),
  ];

  const toggle = (permissions: string[], on: boolean) => {
    const next = new Set(value);
    for (const p of permissions) {
      if (on) next.add(p);
      else next.delete(p);
    }
    onChange(next);
  };

  return (
    <Table<PermissionModuleInfo>
      className="matrix-table"
      size="small"
      rowKey="module"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={modules}
      columns={[
        {
          key: 'module',
          title: tr('matrix.module'),
          fixed: 'left',
          render: (_, m) => <Typography.Text strong>{moduleLabel(t, m.module)}</Typography.Text>,
        },
        {
          key: 'all',
          title: tr('matrix.all'),
          align: 'center',
          render: (_, m) => {
            const all = m.actions.map((a) => `${m.module}:${a}`);
            const count = all.filter((p) => value.has(p)).length;
            return (
              <Checkbox
                aria-label={tr('matrix.allOf', { module: moduleLabel(t, m.module) })}
                checked={count === all.length && all.length > 0}
                indeterminate={count > 0 && count < all.length}
                disabled={disabled}
                onChange={(e) => toggle(all, e.target.checked)}
              />
            );
          },
        },
        ...actions.map((action) => ({
          key: action,
          title: actionLabel(t, action),
          align: 'center' as const,
          render: (_: unknown, m: PermissionModuleInfo) => {
            if (!m.actions.includes(action)) return <Typography.Text type="secondary">—</Typography.Text>;
            const permission = `${m.module}:${action}`;
            return (
              <Checkbox
                aria-label={`${moduleLabel(t, m.module)} ${actionLabel(t, action)}`}
                checked={value.has(permission)}
                disabled={disabled}
                onChange={(e) => toggle([permission], e.target.checked)}
              />
            );
          },
        })),
      ]}
    />
  );
}
