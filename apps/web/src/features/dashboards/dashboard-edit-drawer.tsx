import type { Dashboard, DashboardCard } from '@guanxi/contract';
import { App, Button, Drawer, Flex, Popconfirm } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { type DashboardOwner, useDashboardChange } from './api.ts';
import { DashboardEditor } from './dashboard-editor.tsx';

type Props = {
  owner: DashboardOwner;
  dashboard: Dashboard;
  open: boolean;
  onClose: () => void;
  title: string;
  /** Whether there is something to reset: the user's own layout, or the tenant's default of the role. */
  resettable: boolean;
};

/**
 * Edits a dashboard's cards on a draft, saved as a whole with the version read: a layout changed
 * elsewhere meanwhile is a 409, reloaded, never overwritten.
 */
export function DashboardEditDrawer({ owner, dashboard, open, onClose, title, resettable }: Props) {
  const { t } = useTranslation('dashboards');
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { save, reset, reload } = useDashboardChange(owner);
  const [draft, setDraft] = useState<DashboardCard[]>(dashboard.cards);
  useEffect(() => {
    if (open) setDraft(dashboard.cards);
  }, [open, dashboard]);

  const failed = (e: unknown) => {
    if (isApiError(e, 'CONFLICT')) {
      message.warning(t('editor.conflict'));
      reload();
    } else message.error(e instanceof Error ? e.message : String(e));
  };
  const onSave = () =>
    save.mutate(
      { cards: draft, version: dashboard.version },
      {
        onSuccess: () => {
          message.success(t('editor.saved'));
          onClose();
        },
        onError: failed,
      },
    );
  const onReset = () =>
    reset.mutate(dashboard.version ?? 0, {
      onSuccess: () => {
        message.success(t('editor.resetDone'));
        onClose();
      },
      onError: failed,
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      width={phone ? '100%' : 600}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8} wrap>
          {resettable ? (
            <Popconfirm
              title={owner.kind === 'me' ? t('editor.resetConfirm') : t('editor.roleResetConfirm')}
              onConfirm={onReset}
            >
              <Button danger loading={reset.isPending}>
                {owner.kind === 'me' ? t('editor.reset') : t('editor.roleReset')}
              </Button>
            </Popconfirm>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            <Button onClick={onClose}>{t('editor.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={onSave}>
              {t('editor.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <DashboardEditor cards={draft} onChange={setDraft} />
    </Drawer>
  );
}
