import { Button, notification, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUpdate } from './service-worker.ts';

const KEY = 'app-update';

/** 有新版本 / A new version is available, with a reload button; stays until the user acts. */
export function UpdatePrompt() {
  const { t } = useTranslation('layout');
  const [api, holder] = notification.useNotification();
  useEffect(() => {
    api.open({
      key: KEY,
      title: t('update.title'),
      description: t('update.description'),
      duration: false,
      placement: 'bottomRight',
      role: 'alert',
      actions: (
        <Space>
          <Button size="small" onClick={() => api.destroy(KEY)}>
            {t('update.later')}
          </Button>
          <Button size="small" type="primary" onClick={() => void applyUpdate()}>
            {t('update.reload')}
          </Button>
        </Space>
      ),
    });
  }, [api, t]);
  return holder;
}
