import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** Error state with a retry button, showing the server's (localised) message. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t('errors.unexpected');
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={message}
      extra={
        onRetry ? (
          <Button icon={<ReloadOutlined aria-hidden />} onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        ) : null
      }
    />
  );
}
