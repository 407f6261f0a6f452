import './texts.ts';
import { type AuditLog, auditActions } from '@guanxi/contract';
import { AutoComplete, DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTimeSeconds } from '../../lib/format.ts';
import { UserSelect } from '../users/user-select.tsx';
import { fetchAuditLogs } from './api.ts';
import { AuditChanges } from './audit-changes.tsx';
import { auditActionLabel, entityLabel, knownEntities } from './labels.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'cyan',
  login_failed: 'orange',
  transfer: 'purple',
  export: 'gold',
};

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const range = values.range as [Dayjs | null, Dayjs | null] | undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    entity: text(values.entity),
    entityId: text(values.entityId),
    userId: text(values.userId),
    action: text(values.action),
    from: range?.[0] ? range[0].format() : undefined,
    to: range?.[1] ? range[1].format() : undefined,
  };
}

/** Every audited change, login and export, with filters and the changed fields per entry. */
export function AuditLogPage() {
  const { t } = useTranslation('audit');
  const can = useCan();
  const columns = useMemo<ListColumn<AuditLog>[]>(
    () => [
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        alwaysVisible: true,
        render: (r) => formatDateTimeSeconds(r.createdAt),
      },
      {
        key: 'userName',
        title: t('fields.user'),
        render: (r) =>
          r.userId === null ? (
            <Typography.Text type="secondary">{t('system')}</Typography.Text>
          ) : (
            (r.userName ?? '')
          ),
      },
      {
        key: 'action',
        title: t('fields.action'),
        sortable: true,
        render: (r) => <Tag color={actionColors[r.action]}>{auditActionLabel(t, r.action)}</Tag>,
      },
      { key: 'entity', title: t('fields.entity'), sortable: true, render: (r) => entityLabel(t, r.entity) },
      { key: 'summary', title: t('fields.summary'), render: (r) => r.summary ?? '' },
      {
        key: 'entityId',
        title: t('fields.entityId'),
        defaultHidden: true,
        render: (r) =>
          r.entityId ? (
            <Typography.Text code copyable>
              {r.entityId}
            </Typography.Text>
          ) : (
            ''
          ),
      },
      { key: 'ip', title: t('fields.ip'), render: (r) => r.ip ?? '' },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <ListPage<AuditLog>
        queryKey={['audit-logs']}
        fetcher={fetchAuditLogs}
        columns={columns}
        rowKey={(r) => r.id}
        columnPreferenceKey="columns.audit"
        defaultSort="-createdAt"
        searchable={false}
        emptyText={t('empty')}
        mapFilters={mapFilters}
        expandable={{
          rowExpandable: (r) => Object.keys(r.changes).length > 0,
          expandedRowRender: (r) => <AuditChanges log={r} />,
        }}
        filterFields={[
          <Form.Item key="entity" name="entity" label={t('fields.entity')}>
            <AutoComplete
              allowClear
              placeholder={t('filters.entityPlaceholder')}
              options={knownEntities.map((e) => ({ value: e, label: `${entityLabel(t, e)} (${e})` }))}
            />
          </Form.Item>,
          <Form.Item
            key="entityId"
            name="entityId"
            label={t('fields.entityId')}
            rules={[{ pattern: UUID, message: t('filters.entityIdFormat') }]}
          >
            <Input allowClear placeholder={t('filters.entityIdPlaceholder')} />
          </Form.Item>,
          ...(can('users:view')
            ? [
                <Form.Item key="userId" name="userId" label={t('fields.user')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
          <Form.Item key="action" name="action" label={t('fields.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('filters.any')}
              options={auditActions.map((a) => ({ value: a, label: auditActionLabel(t, a) }))}
            />
          </Form.Item>,
          <Form.Item key="range" name="range" label={t('filters.range')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>,
        ]}
      />
    </>
  );
}
