import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicPage } from '../../components/public-page.tsx';

/** Centered card with the brand and the language switch, for sign-in and forced password change. */
export function AuthShell({
  title,
  subTitle,
  children,
}: {
  title: string;
  subTitle?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <PublicPage>
      <div className="auth-title">
        <Flex align="center" justify="center" gap={10} style={{ marginBottom: 8 }}>
          <span className="app-logo" aria-hidden>
            关
          </span>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
          {title}
        </Typography.Title>
        {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
      </div>
      {children}
    </PublicPage>
  );
}
