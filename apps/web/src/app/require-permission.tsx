import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasPermission, useMe } from '../lib/access.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';

function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('errors.forbiddenTitle'));
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('actions.backHome')}
        </Button>
      }
    />
  );
}

/** Renders the page only for users holding `permission`; others see a 403 result. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <Forbidden />;
}
