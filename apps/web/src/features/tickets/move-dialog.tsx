import './texts.ts';
import { type Ticket, ticketLimits } from '@guanxi/contract';
import { App, Form, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { UserSelect } from '../users/user-select.tsx';
import { type TicketMove, useMoveTicket } from './api.ts';
import { ArticleSelect, TicketSelect } from './pickers.tsx';

/** The ticket's moves that ask for a form (分派, 转派, 等待客户, 解决, 回访, 合并). */
export type Dialog = 'assign' | 'transfer' | 'wait' | 'resolve' | 'feedback' | 'merge';

type DialogValues = {
  userId?: string;
  note?: string;
  resolution?: string;
  articleIds?: string[];
  satisfaction?: number;
  comment?: string;
  intoId?: string;
};

/** 分派 / 转派 / 等待客户 / 解决 / 回访 / 合并: a small form each. */
export function MoveDialog({
  ticket,
  dialog,
  onClose,
}: {
  ticket: Ticket;
  dialog: Dialog | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const rules = useFormRules();
  const move = useMoveTicket();
  const version = ticket.version;
  const toMove = (v: DialogValues): TicketMove => {
    switch (dialog) {
      case 'assign':
        return { move: 'assign', body: { userId: v.userId!, version } };
      case 'transfer':
        return { move: 'transfer', body: { userId: v.userId!, version, note: v.note?.trim() || undefined } };
      case 'wait':
        return { move: 'wait', body: { version, note: v.note?.trim() || undefined } };
      case 'resolve':
        return {
          move: 'resolve',
          body: { version, resolution: v.resolution!.trim(), articleIds: v.articleIds },
        };
      case 'feedback':
        return {
          move: 'feedback',
          body: { satisfaction: v.satisfaction!, comment: v.comment?.trim() || undefined },
        };
      default:
        return { move: 'merge', body: { intoId: v.intoId!, version } };
    }
  };
  const title = dialog ? t(`actions.${dialog}`) : '';
  return (
    <FormModal<DialogValues>
      open={!!dialog}
      name={`ticket-${dialog ?? 'move'}-form`}
      title={title}
      okText={title}
      onCancel={onClose}
      onSubmit={async (v) => {
        try {
          await move.mutateAsync({ id: ticket.id, ...toMove(v) } as TicketMove & { id: string });
          message.success(t('actions.done'));
        } catch (e) {
          if (!isApiError(e, 'CONFLICT') && !isApiError(e, 'INVALID_TRANSITION')) throw e;
          // someone moved it first: the detail reloaded; this form's version is stale
          message.error(t('conflict'));
        }
        onClose();
      }}
      intro={dialog === 'merge' ? t('dialogs.mergeHelp') : undefined}
    >
      {dialog === 'assign' || dialog === 'transfer' ? (
        <Form.Item
          name="userId"
          label={t(dialog === 'assign' ? 'dialogs.assignTo' : 'dialogs.transferTo')}
          rules={[rules.required()]}
        >
          <UserSelect excludeIds={ticket.handlerId ? [ticket.handlerId] : undefined} />
        </Form.Item>
      ) : null}
      {dialog === 'transfer' || dialog === 'wait' ? (
        <Form.Item
          name="note"
          label={dialog === 'wait' ? t('dialogs.waitNote') : t('fields.note')}
          rules={[rules.maxLength(ticketLimits.note)]}
        >
          <Input.TextArea rows={3} maxLength={ticketLimits.note} />
        </Form.Item>
      ) : null}
      {dialog === 'resolve' ? (
        <>
          <Form.Item
            name="resolution"
            label={t('fields.resolution')}
            rules={[rules.required(), rules.maxLength(ticketLimits.resolution)]}
          >
            <Input.TextArea rows={4} maxLength={ticketLimits.resolution} />
          </Form.Item>
          <Form.Item name="articleIds" label={t('fields.solutions')}>
            <ArticleSelect placeholder={t('dialogs.articlePlaceholder')} maxCount={ticketLimits.articles} />
          </Form.Item>
        </>
      ) : null}
      {dialog === 'feedback' ? (
        <>
          <Form.Item name="satisfaction" label={t('fields.satisfaction')} rules={[rules.required()]}>
            <Rate />
          </Form.Item>
          <Form.Item
            name="comment"
            label={t('fields.comment')}
            rules={[rules.maxLength(ticketLimits.comment)]}
          >
            <Input.TextArea rows={3} maxLength={ticketLimits.comment} />
          </Form.Item>
        </>
      ) : null}
      {dialog === 'merge' ? (
        <Form.Item name="intoId" label={t('dialogs.mergeInto')} rules={[rules.required()]}>
          <TicketSelect customerId={ticket.customerId ?? undefined} excludeId={ticket.id} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
