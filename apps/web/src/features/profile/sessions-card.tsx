import './texts.ts';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { useRevokeSession, useSessions } from '../sessions/api.ts';
import { SessionTable } from '../sessions/session-table.tsx';

/** My sessions, with "sign out everywhere else". */
export function SessionsCard() {
  const { t } = useTranslation('profile');
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const others = (sessions.data ?? []).filter((s) => !s.current);

  const revokeOthers = async () => {
    for (const s of others) await revoke.mutateAsync(s.id);
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('sessions.intro')}</Typography.Text>
        <ConfirmDeleteButton
          icon={null}
          label={t('sessions.revokeOthers')}
          title={t('sessions.revokeOthersTitle')}
          description={t('sessions.revokeOthersConfirm', { count: others.length })}
          disabled={others.length === 0}
          onConfirm={revokeOthers}
          doneMessage={t('sessions.othersRevoked')}
        />
      </Flex>
      <SessionTable />
    </Flex>
  );
}
