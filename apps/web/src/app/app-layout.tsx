import {
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useSignOut } from '../features/auth/api.ts';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { useMe } from '../lib/access.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { menuItems, selectedMenuKey } from './menu.tsx';

const SIDER_COLLAPSED_KEY = 'guanxi.siderCollapsed';

function Brand({ collapsed }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex className="app-brand" align="center" gap={10}>
      <span className="app-logo" aria-hidden>
        关
      </span>
      {collapsed ? null : <span className="app-brand-name">{t('app.name')}</span>}
    </Flex>
  );
}

/** Sidebar menu from permissions (a drawer on phones), header with tenant, language and user menu. */
export function AppLayout() {
  const { t } = useTranslation('layout');
  const me = useMe();
  const isPhone = useIsPhone();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // the phone's menu closes whenever the page changes, however the change came (a menu click the
  // menu's own handler missed on a busy phone left it open over the new page)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_COLLAPSED_KEY) === '1');

  const toggleCollapsed = () => {
    const next = !collapsed;
    setCollapsed(next);
    localStorage.setItem(SIDER_COLLAPSED_KEY, next ? '1' : '0');
  };

  const menu = (
    <nav aria-label={t('menu.label')}>
      <Menu
        theme="dark"
        mode="inline"
        items={menuItems(me, t)}
        selectedKeys={[selectedMenuKey(location.pathname)]}
        onClick={() => setDrawerOpen(false)}
      />
    </nav>
  );

  return (
    <Layout className="app-layout">
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          closable={false}
          title={null}
          styles={{ body: { padding: 0, background: '#001529' } }}
          aria-label={t('menu.label')}
        >
          <Brand />
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={216}
          collapsedWidth={64}
          collapsed={collapsed}
          className="app-sider"
          trigger={null}
          collapsible
        >
          <div className="app-sider-inner">
            <Brand collapsed={collapsed} />
            {menu}
          </div>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
            {isPhone ? (
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t('menu.open')}
                title={t('menu.open')}
                onClick={() => setDrawerOpen(true)}
              />
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
                aria-label={collapsed ? t('menu.expand') : t('menu.collapse')}
                title={collapsed ? t('menu.expand') : t('menu.collapse')}
                onClick={toggleCollapsed}
              />
            )}
            <Typography.Text strong ellipsis className="app-tenant-name" title={me.tenant.name}>
              {me.tenant.name}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={4}>
            <NotificationBell />
            <LanguageSwitch showLabel={!isPhone} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined aria-hidden />, label: t('header.profile') },
                  { type: 'divider' },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined aria-hidden />,
                    label: t('header.signOut'),
                    danger: true,
                  },
                ],
                onClick: ({ key }) => {
                  if (key === 'profile') void navigate('/profile');
                  if (key === 'logout') void signOut();
                },
              }}
            >
              <Button
                type="text"
                aria-label={t('header.account', { name: me.user.name })}
                className="app-user-button"
              >
                <Avatar size="small" style={{ background: '#1668dc' }}>
                  {me.user.name.slice(0, 1)}
                </Avatar>
                {isPhone ? null : <span className="app-user-name">{me.user.name}</span>}
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
