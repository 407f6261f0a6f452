import './texts.ts';
import type { ImportEntity, ImportMode, ImportPreview } from '@guanxi/contract';
import { Alert, Flex, Radio, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  entity: ImportEntity;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMapping: (m: Record<string, string>) => void;
  mode: ImportMode;
  onMode: (m: ImportMode) => void;
};

/** Step 2: which column fills which field, what to do with duplicates, and the first rows checked. */
export function MappingStep({ entity, preview, mapping, onMapping, mode, onMode }: Props) {
  const { t } = useTranslation('imports');
  const label = (key: string) => preview.fields.find((f) => f.key === key)?.label ?? key;
  const taken = new Set(Object.values(mapping));
  const setField = (header: string, field: string | undefined) => {
    const next = { ...mapping };
    if (field) next[header] = field;
    else delete next[header];
    onMapping(next);
  };
  const columns = [
    { title: t('mapping.column'), dataIndex: 'header', width: 180 },
    {
      title: t('mapping.field'),
      dataIndex: 'header',
      key: 'field',
      width: 220,
      render: (header: string) => (
        <Select
          aria-label={t('mapping.fieldFor', { header })}
          style={{ width: '100%', minWidth: 140 }}
          allowClear
          placeholder={t('mapping.skip')}
          value={mapping[header]}
          onChange={(v) => setField(header, v)}
          options={preview.fields.map((f) => ({
            value: f.key,
            label: f.required ? `${f.label} *` : f.label,
            disabled: taken.has(f.key) && mapping[header] !== f.key,
          }))}
        />
      ),
    },
    {
      title: t('mapping.sample'),
      dataIndex: 'sample',
      ellipsis: true,
    },
  ];
  const data = preview.headers.map((header, i) => ({
    key: header,
    header,
    sample: preview.rows
      .slice(0, 3)
      .map((r) => r[i])
      .filter(Boolean)
      .join(' / '),
  }));
  return (
    <Flex vertical gap={16}>
      <Table size="small" pagination={false} columns={columns} dataSource={data} scroll={{ x: 520 }} />
      {entity === 'leads' ? (
        // leads have no duplicate check: the mode does not apply, the assignment rules do
        <Typography.Text type="secondary">{t('leadsMode')}</Typography.Text>
      ) : (
        <div>
          <Typography.Text strong>{t('mode.label')}</Typography.Text>
          <Radio.Group
            aria-label={t('mode.label')}
            style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 8 }}
            value={mode}
            onChange={(e) => onMode(e.target.value)}
            options={(['skip', 'update', 'create'] as const).map((m) => ({
              value: m,
              label: t(`mode.${m}`),
            }))}
          />
        </div>
      )}
      {preview.errors.length ? (
        <Alert
          type="warning"
          showIcon
          message={t('preview.problems', { count: preview.errors.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.errors.slice(0, 8).map((e) => (
                <li key={`${e.row}-${e.field}`}>
                  {t('preview.row', { row: e.row })} <Tag>{label(e.field)}</Tag>
                  {e.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('preview.clean', { count: preview.rows.length })} />
      )}
    </Flex>
  );
}
