import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/copy-text.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';

/** The signing secret after create or rotate: shown this once, with a copy button. */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation('webhooks');
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const copy = async () => {
    if (secret && (await copyText(secret))) message.success(t('copied'));
    else message.error(t('copyFailed'));
  };
  return (
    <Modal
      open={!!secret}
      title={t('secretTitle')}
      closable={false}
      mask={{ closable: false }}
      width={isPhone ? '100%' : 560}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('secretOnce')} style={{ margin: '12px 0 16px' }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={secret ?? ''} aria-label={t('secret')} onFocus={(e) => e.target.select()} />
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
          {t('copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
