import './texts.ts';
import { unsubscribeToken } from '@guanxi/contract';
import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { AuthShell } from '../auth/auth-shell.tsx';
import { useUnsubscribe } from './api.ts';

/** 退订 (`/u/:token`, no sign-in): one button; the answer says done or that the link is not valid, nothing else. */
export function UnsubscribePage() {
  const { t } = useTranslation('mailings');
  useDocumentTitle(t('unsubscribe.title'));
  const { token = '' } = useParams();
  const unsubscribe = useUnsubscribe();
  const wellFormed = unsubscribeToken.safeParse(token).success;

  return (
    <AuthShell title={t('unsubscribe.title')}>
      {unsubscribe.isSuccess ? (
        <Result status="success" subTitle={t('unsubscribe.done')} />
      ) : !wellFormed || unsubscribe.isError ? (
        <Result status="warning" subTitle={t('unsubscribe.invalid')} />
      ) : (
        <>
          <Typography.Paragraph>{t('unsubscribe.intro')}</Typography.Paragraph>
          <Button
            type="primary"
            block
            loading={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            {t('unsubscribe.confirm')}
          </Button>
        </>
      )}
    </AuthShell>
  );
}
