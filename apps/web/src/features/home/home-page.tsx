import { UserOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { menuEntries } from '../../app/menu.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { hasPermission, useMe } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';

const descriptions = {
  '/customers': 'links.customers',
  '/contacts': 'links.contacts',
  '/pools': 'links.pools',
  '/departments': 'links.departments',
  '/users': 'links.users',
  '/roles': 'links.roles',
  '/audit': 'links.audit',
  '/settings': 'links.settings',
} as const;

function linkDescription(t: TFunction<'home'>, path: string): string {
  const key = descriptions[path as keyof typeof descriptions];
  return key ? t(key) : '';
}

/** Welcome page: who and where the user is, and links to the modules they may open. */
export function HomePage() {
  const { t } = useTranslation('home');
  const { t: tl } = useTranslation('layout');
  const me = useMe();
  const links = menuEntries.filter(
    (e) => e.path !== '/' && (!e.permission || hasPermission(me, e.permission)),
  );

  return (
    <>
      <PageHeader title={t('title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" style={{ height: '100%' }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('welcome', { name: me.user.name })}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'tenant', label: t('tenant'), children: me.tenant.name },
                { key: 'department', label: t('department'), children: me.user.departmentName },
                { key: 'username', label: t('username'), children: me.user.username },
                { key: 'jobTitle', label: t('jobTitle'), children: me.user.jobTitle || '—' },
                {
                  key: 'roles',
                  label: t('roles'),
                  children: me.user.roleNames.length
                    ? me.user.roleNames.map((r) => <Tag key={r}>{r}</Tag>)
                    : '—',
                },
                {
                  key: 'lastLogin',
                  label: t('lastLogin'),
                  children: me.user.lastLoginAt ? formatDateTime(me.user.lastLoginAt) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('quickLinks')} style={{ height: '100%' }}>
            <nav aria-label={t('quickLinks')}>
              <Flex vertical gap={4}>
                {links.map((e) => (
                  <Link key={e.path} to={e.path} className="home-link">
                    <Flex align="center" gap={12}>
                      <span className="home-link-icon" aria-hidden>
                        {e.icon}
                      </span>
                      <Flex vertical>
                        <Typography.Text strong>{e.label(tl)}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {linkDescription(t, e.path)}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  </Link>
                ))}
                <Link to="/profile" className="home-link">
                  <Flex align="center" gap={12}>
                    <span className="home-link-icon" aria-hidden>
                      <UserOutlined aria-hidden />
                    </span>
                    <Flex vertical>
                      <Typography.Text strong>{tl('header.profile')}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('links.profile')}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </Link>
              </Flex>
            </nav>
          </Card>
        </Col>
      </Row>
    </>
  );
}
