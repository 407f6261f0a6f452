import './texts.ts';
import type { AuditLog } from '@guanxi/contract';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../../lib/format.ts';
import { changeFieldLabel } from './labels.ts';

type Row = { field: string; before: unknown; after: unknown };

function Cell({ value }: { value: unknown }) {
  const { t } = useTranslation('audit');
  const { t: tc } = useTranslation();
  const text = formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  return text ? (
    <Typography.Text style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>{text}</Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('changes.empty')}</Typography.Text>
  );
}

/** The changed fields of one audit entry: field / before / after. */
export function AuditChanges({ log }: { log: AuditLog }) {
  const { t } = useTranslation('audit');
  const rows: Row[] = Object.entries(log.changes).map(([field, [before, after]]) => ({
    field,
    before,
    after,
  }));
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 760 }}
      columns={[
        {
          key: 'field',
          title: t('changes.field'),
          width: 160,
          render: (_, r) => changeFieldLabel(t, r.field),
        },
        { key: 'before', title: t('changes.before'), render: (_, r) => <Cell value={r.before} /> },
        { key: 'after', title: t('changes.after'), render: (_, r) => <Cell value={r.after} /> },
      ]}
    />
  );
}
