import type { UserStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<UserStatus, string> = { active: 'success', disabled: 'default', left: 'warning' };

export function UserStatusTag({ status }: { status: UserStatus }) {
  const { t } = useTranslation('users');
  return <Tag color={colors[status]}>{t(`status.${status}`)}</Tag>;
}
