import { EditOutlined } from '@ant-design/icons';
import { Button, Empty, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useMe } from '../../lib/access.ts';
import { useDashboard } from '../dashboards/api.ts';
import { DashboardEditDrawer } from '../dashboards/dashboard-edit-drawer.tsx';
import { DashboardGrid } from '../dashboards/dashboard-grid.tsx';
import '../dashboards/texts.ts';

const ME = { kind: 'me' } as const;

/**
 * 工作台: the user's home dashboard (经理看台) — their own layout, else their role's default —
 * with an editor to rearrange, hide and add cards.
 */
export function HomePage() {
  const { t } = useTranslation('dashboards');
  const me = useMe();
  const dashboard = useDashboard(ME);
  const [editing, setEditing] = useState(false);
  const d = dashboard.data;
  const shown = d?.cards.filter((c) => !c.hidden) ?? [];
  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={
          <>
            {t('greeting', { name: me.user.name })} · {me.user.departmentName}
            {d && (
              <Tag style={{ marginInlineStart: 8 }} bordered={false}>
                {t(`source.${d.source}`)}
              </Tag>
            )}
          </>
        }
        extra={
          <Button icon={<EditOutlined />} disabled={!d} onClick={() => setEditing(true)}>
            {t('edit')}
          </Button>
        }
      />
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : !d ? (
        <Skeleton active />
      ) : shown.length ? (
        <DashboardGrid cards={d.cards} />
      ) : (
        <Empty description={t('empty')} style={{ marginTop: 48 }}>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('edit')}
          </Button>
        </Empty>
      )}
      {d && (
        <DashboardEditDrawer
          owner={ME}
          dashboard={d}
          open={editing}
          onClose={() => setEditing(false)}
          title={t('editor.title')}
          resettable={d.source === 'mine'}
        />
      )}
    </>
  );
}
