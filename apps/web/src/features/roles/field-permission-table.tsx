import './texts.ts';
import { type FieldAccess, fieldAccessLevels } from '@guanxi/contract';
import { Radio, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionModuleInfo } from './api.ts';
import { fieldLabel, moduleLabel } from './labels.ts';

type Row = { key: string; module: string; field: string };
type Value = Record<string, Record<string, FieldAccess>>;

const levelOrder: FieldAccess[] = ['edit', 'read', 'masked', 'hidden'];

type Props = {
  modules: PermissionModuleInfo[];
  value: Value;
  disabled?: boolean;
  onChange: (next: Value) => void;
};

/** Per module field: edit / read / masked / hidden (absent means edit). */
export function FieldPermissionTable({ modules, value, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('roles');
  const rows: Row[] = modules.flatMap((m) =>
    m.fields.map((f) => ({ key: `${m.module}.${f}`, module: m.module, field: f })),
  );
  const levels = levelOrder.filter((l) => fieldAccessLevels.includes(l));

  const set = (module: string, field: string, level: FieldAccess) => {
    const forModule = { ...(value[module] ?? {}) };
    if (level === 'edit') delete forModule[field];
    else forModule[field] = level;
    const next = { ...value, [module]: forModule };
    if (Object.keys(forModule).length === 0) delete next[module];
    onChange(next);
  };

  return (
    <Table<Row>
      className="matrix-table"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      locale={{ emptyText: tr('fieldAccess.none') }}
      columns={[
        {
          key: 'module',
          title: tr('matrix.module'),
          render: (_, r) => <Typography.Text strong>{moduleLabel(t, r.module)}</Typography.Text>,
        },
        { key: 'field', title: tr('fieldAccess.field'), render: (_, r) => fieldLabel(t, r.module, r.field) },
        {
          key: 'level',
          title: tr('fieldAccess.title'),
          render: (_, r) => (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="small"
              aria-label={`${moduleLabel(t, r.module)} ${fieldLabel(t, r.module, r.field)}`}
              disabled={disabled}
              value={value[r.module]?.[r.field] ?? 'edit'}
              onChange={(e) => set(r.module, r.field, e.target.value as FieldAccess)}
              options={levels.map((l) => ({ value: l, label: tr(`fieldAccess.values.${l}`) }))}
            />
          ),
        },
      ]}
    />
  );
}
