import './texts.ts';
import type { Announcement } from '@guanxi/contract';
import { Flex, Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The kind as a tag: 指令 stands out. */
export function KindTag({ kind }: { kind: Announcement['kind'] }) {
  const { t } = useTranslation('announcements');
  return <Tag color={kind === 'instruction' ? 'volcano' : 'blue'}>{t(`kinds.${kind}`)}</Tag>;
}

/** My receipt as a tag: 未读, 已读, 待完成, 已逾期, 已完成, 逾期完成. */
export function MyStatus({ a }: { a: Announcement }) {
  const { t } = useTranslation('announcements');
  const r = a.receipt;
  if (!r) return null;
  if (a.kind === 'instruction') {
    if (r.doneAt)
      return a.dueAt && r.doneAt > a.dueAt ? (
        <Tag color="orange">{t('status.late')}</Tag>
      ) : (
        <Tag color="green">{t('status.done')}</Tag>
      );
    if (a.dueAt && new Date(a.dueAt) <= new Date()) return <Tag color="red">{t('status.overdue')}</Tag>;
    return <Tag color="gold">{t('status.todo')}</Tag>;
  }
  return r.readAt ? <Tag>{t('status.read')}</Tag> : <Tag color="processing">{t('status.unread')}</Tag>;
}

/** Read (and, for an instruction, done) out of the recipients, as thin bars. */
export function ReceiptBars({
  kind,
  total,
  read,
  done,
}: {
  kind: Announcement['kind'];
  total: number;
  read: number;
  done: number;
}) {
  const { t } = useTranslation('announcements');
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  return (
    <Flex vertical gap={0} style={{ minWidth: 140 }}>
      <Progress
        percent={pct(read)}
        size="small"
        format={() => t('progress.read', { read, total })}
        aria-label={t('progress.read', { read, total })}
      />
      {kind === 'instruction' ? (
        <Progress
          percent={pct(done)}
          size="small"
          strokeColor="#52c41a"
          format={() => t('progress.done', { done, total })}
          aria-label={t('progress.done', { done, total })}
        />
      ) : null}
    </Flex>
  );
}
