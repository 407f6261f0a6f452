import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useRole } from '../roles/api.ts';
import { useDashboard } from './api.ts';
import { DashboardEditDrawer } from './dashboard-edit-drawer.tsx';
import { DashboardGrid } from './dashboard-grid.tsx';
import './texts.ts';

/**
 * A role's home dashboard for the tenant (SPEC §12 首页模板): the cards its users start with,
 * previewed with the administrator's rights, edited in the same editor as one's own.
 */
export function RoleDashboardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('dashboards');
  const navigate = useNavigate();
  const can = useCan();
  const owner = { kind: 'role', roleId: id } as const;
  const role = useRole(id);
  const dashboard = useDashboard(owner);
  const [editing, setEditing] = useState(false);
  const d = dashboard.data;
  const title = t('editor.roleTitle', { name: role.data?.name ?? '' });
  const error = role.error ?? dashboard.error;
  return (
    <>
      <PageHeader
        title={title}
        subTitle={d && <Tag bordered={false}>{t(`source.${d.source}`)}</Tag>}
        onBack={() => navigate(`/roles/${id}`)}
        extra={
          can('roles:edit') && (
            <Button type="primary" icon={<EditOutlined />} disabled={!d} onClick={() => setEditing(true)}>
              {t('edit')}
            </Button>
          )
        }
      />
      <Alert type="info" showIcon title={t('editor.roleIntro')} style={{ marginBottom: 16 }} />
      {error ? (
        <QueryError error={error} onRetry={() => dashboard.refetch()} />
      ) : !d ? (
        <Skeleton active />
      ) : d.cards.some((c) => !c.hidden) ? (
        <DashboardGrid cards={d.cards} />
      ) : (
        <Empty description={t('empty')} />
      )}
      {d && (
        <DashboardEditDrawer
          owner={owner}
          dashboard={d}
          open={editing}
          onClose={() => setEditing(false)}
          title={title}
          resettable={d.source === 'role'}
        />
      )}
    </>
  );
}
