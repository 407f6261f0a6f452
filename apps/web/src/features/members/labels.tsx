import './texts.ts';
import type { MemberPointKind, MemberStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<MemberStatus, string> = { active: 'green', frozen: 'blue', cancelled: 'default' };

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation('members');
  return <Tag color={statusColors[status]}>{t(`statuses.${status}`)}</Tag>;
}

/** The level's name as a gold tag (the dictionary's item). */
export function LevelTag({ name }: { name: string | null }) {
  return name ? <Tag color="gold">{name}</Tag> : null;
}

export function PointKindTag({ kind }: { kind: MemberPointKind }) {
  const { t } = useTranslation('members');
  return <Tag>{t(`kinds.${kind}`)}</Tag>;
}
