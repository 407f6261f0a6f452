import './texts.ts';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import type { EventOccurrence, FollowUpDraft } from '@guanxi/contract';
import { App, Button, Descriptions, Flex, Modal, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCompleteEvent, useDeleteEvent } from './api.ts';
import { allDayDays, kindColors } from './kinds.ts';

type Props = {
  occurrence: EventOccurrence | null;
  onClose: () => void;
  onEdit: (o: EventOccurrence) => void;
  /** A completed call or visit plan with a customer: open the follow-up form from its draft. */
  onFollowUp?: (draft: FollowUpDraft) => void;
};

/** One occurrence: what, when, with whom; the owner completes, edits or deletes it. */
export function EventDetail({ occurrence: o, onClose, onEdit, onFollowUp }: Props) {
  const { t } = useTranslation('events');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const complete = useCompleteEvent();
  const remove = useDeleteEvent();
  if (!o) return null;

  const when = (() => {
    const start = dayjs(o.occurrenceStart);
    if (o.allDay) {
      const { first, last } = allDayDays(o);
      const day = first.format('YYYY-MM-DD ddd');
      return last.isAfter(first, 'day')
        ? `${day} – ${last.format('YYYY-MM-DD ddd')}`
        : `${day} ${t('agenda.allDay')}`;
    }
    const end = o.occurrenceEnd ? dayjs(o.occurrenceEnd) : null;
    const head = start.format('YYYY-MM-DD ddd HH:mm');
    if (!end) return head;
    return end.isSame(start, 'day')
      ? `${head}–${end.format('HH:mm')}`
      : `${head} – ${end.format('YYYY-MM-DD HH:mm')}`;
  })();
  const repeat = o.repeat
    ? [
        o.repeat.interval > 1
          ? t(`repeat.every.${o.repeat.freq}`, { count: o.repeat.interval })
          : t(`repeat.${o.repeat.freq}`),
        o.repeat.until ? t('repeat.until', { date: o.repeat.until }) : null,
        o.repeat.count ? t('repeat.count', { count: o.repeat.count }) : null,
      ]
        .filter(Boolean)
        .join('，')
    : null;
  const remind =
    o.remindMinutesBefore == null
      ? t('remind.none')
      : o.remindMinutesBefore === 0
        ? t('remind.atStart')
        : t('remind.minutes', { count: o.remindMinutesBefore });

  const onComplete = () =>
    complete
      .mutateAsync({
        id: o.id,
        version: o.version,
        occurrenceStart: o.repeat ? o.occurrenceStart : undefined,
      })
      .then(
        (r) => {
          message.success(t('actions.completed'));
          onClose();
          // a call or visit plan: the follow-up form, prefilled from what the plan says
          if (r.followUp && onFollowUp && can('follow-ups:create')) onFollowUp(r.followUp);
        },
        (e) => showError(e),
      );

  const actions = o.mine ? (
    <Flex gap={8} wrap justify="flex-end">
      {can('events:delete') ? (
        <ConfirmDeleteButton
          title={t('actions.deleteConfirm', { title: o.title })}
          description={o.repeat ? t('actions.deleteRepeating') : undefined}
          onConfirm={() => remove.mutateAsync({ id: o.id, version: o.version }).then(onClose)}
          doneMessage={t('deleted')}
        />
      ) : null}
      {can('events:edit') ? (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(o)}>
          {tc('actions.edit')}
        </Button>
      ) : null}
      {can('events:edit') && !o.done ? (
        <Button
          type="primary"
          icon={<CheckOutlined aria-hidden />}
          loading={complete.isPending}
          onClick={onComplete}
        >
          {t('actions.complete')}
        </Button>
      ) : null}
    </Flex>
  ) : null;

  return (
    <Modal open title={o.title} onCancel={onClose} footer={actions} destroyOnHidden>
      <Descriptions column={1} size="small" styles={{ label: { width: 88 } }}>
        <Descriptions.Item label={t('fields.kind')}>
          <Tag color={kindColors[o.kind].tag}>{t(`kinds.${o.kind}`)}</Tag>
          {o.done ? <Tag color="success">{t('status.done')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.time')}>{when}</Descriptions.Item>
        {o.customerId ? (
          <Descriptions.Item label={t('fields.customerId')}>
            {o.customerName ? <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link> : '—'}
            {o.contactName ? ` · ${o.contactName}` : ''}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('fields.owner')}>{o.ownerName}</Descriptions.Item>
        {o.participants.length ? (
          <Descriptions.Item label={t('fields.participantIds')}>
            {o.participants.map((p) => p.name).join('、')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('fields.remindMinutesBefore')}>{remind}</Descriptions.Item>
        {repeat ? <Descriptions.Item label={t('fields.repeat')}>{repeat}</Descriptions.Item> : null}
        {o.notes ? (
          <Descriptions.Item label={t('fields.notes')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{o.notes}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Modal>
  );
}
