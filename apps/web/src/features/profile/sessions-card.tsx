import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useRevokeSession, useSessions } from '../sessions/api.ts';
import { SessionTable } from '../sessions/session-table.tsx';

/** My sessions, with "sign out everywhere else". */
export function SessionsCard() {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const others = (sessions.data ?? []).filter((s) => !s.current);

  const revokeOthers = async () => {
    try {
      for (const s of others) await revoke.mutateAsync(s.id);
      message.success(t('sessions.othersRevoked'));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('sessions.intro')}</Typography.Text>
        <Popconfirm
          title={t('sessions.revokeOthersTitle')}
          description={t('sessions.revokeOthersConfirm', { count: others.length })}
          okText={t('sessions.revoke')}
          cancelText={tc('actions.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={revokeOthers}
          disabled={others.length === 0}
        >
          <Button danger disabled={others.length === 0} loading={revoke.isPending}>
            {t('sessions.revokeOthers')}
          </Button>
        </Popconfirm>
      </Flex>
      <SessionTable />
    </Flex>
  );
}
