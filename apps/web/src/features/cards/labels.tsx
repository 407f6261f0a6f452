import './texts.ts';
import type { CardEntryKind, CardStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<CardStatus, string> = {
  issued: 'default',
  active: 'green',
  frozen: 'blue',
  scrapped: 'red',
  expired: 'orange',
};

export function CardStatusTag({ status, locked }: { status: CardStatus; locked?: boolean }) {
  const { t } = useTranslation('cards');
  return (
    <>
      <Tag color={statusColors[status]}>{t(`statuses.${status}`)}</Tag>
      {locked ? <Tag color="red">{t('locked')}</Tag> : null}
    </>
  );
}

export function EntryKindTag({ kind }: { kind: CardEntryKind }) {
  const { t } = useTranslation('cards');
  return <Tag>{t(`kinds.${kind}`)}</Tag>;
}
