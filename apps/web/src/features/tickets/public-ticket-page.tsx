import './texts.ts';
import { type PublicTicket, ticketLimits } from '@guanxi/contract';
import { Button, Empty, Flex, Form, Input, Rate, Result, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormRules } from '../../components/form-rules.ts';
import { PublicFormFrame } from '../../components/public-form-frame.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { usePublicFeedback, usePublicTicket } from './api.ts';
import { TicketStatusTag } from './labels.tsx';

/** 工单进度 (`/t/:token`, no sign-in): the customer follows their ticket and rates it once resolved. */
export function PublicTicketPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('tickets');
  const ticket = usePublicTicket(token);
  useDocumentTitle(ticket.data ? `${ticket.data.number} · ${t('public.title')}` : t('public.title'));
  return (
    <PublicFormFrame query={ticket} closed={t('public.invalid')}>
      {(data) => <Status token={token} ticket={data} />}
    </PublicFormFrame>
  );
}

function Status({ token, ticket }: { token: string; ticket: PublicTicket }) {
  const { t } = useTranslation('tickets');
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text type="secondary">{ticket.number}</Typography.Text>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>
          {ticket.title}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          <TicketStatusTag status={ticket.status} />
          <Typography.Text type="secondary">
            {t('public.submitted', { at: formatDateTime(ticket.createdAt) })}
          </Typography.Text>
          {ticket.resolvedAt ? (
            <Typography.Text type="secondary">
              {t('public.resolvedAt', { at: formatDateTime(ticket.resolvedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </div>
      {ticket.resolution ? (
        <section aria-label={t('fields.resolution')}>
          <Typography.Title level={5}>{t('fields.resolution')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{ticket.resolution}</Typography.Paragraph>
        </section>
      ) : null}
      <section aria-label={t('public.notes')}>
        <Typography.Title level={5}>{t('public.notes')}</Typography.Title>
        {ticket.notes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('public.noNotes')} />
        ) : (
          <Timeline
            items={ticket.notes.map((n, i) => ({
              key: `${n.createdAt}-${i}`,
              content: (
                <>
                  <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {n.content}
                  </Typography.Paragraph>
                </>
              ),
            }))}
          />
        )}
      </section>
      {ticket.satisfaction ? (
        <Result
          status="success"
          title={t('public.thanks')}
          subTitle={
            <Flex vertical align="center" gap={4}>
              <Rate disabled value={ticket.satisfaction} />
              {t('public.rated', { n: ticket.satisfaction })}
            </Flex>
          }
        />
      ) : ticket.canGiveFeedback ? (
        <FeedbackForm token={token} />
      ) : null}
    </Flex>
  );
}

function FeedbackForm({ token }: { token: string }) {
  const { t } = useTranslation('tickets');
  const rules = useFormRules();
  const send = usePublicFeedback(token);
  const showError = useShowError();
  return (
    <section aria-label={t('public.rate')}>
      <Typography.Title level={5}>{t('public.rate')}</Typography.Title>
      <Form<{ satisfaction?: number; comment?: string }>
        layout="vertical"
        name="ticket-feedback-form"
        onFinish={(v) =>
          send
            .mutateAsync({ satisfaction: v.satisfaction!, comment: v.comment?.trim() || undefined })
            .catch(showError)
        }
      >
        <Form.Item
          name="satisfaction"
          label={t('fields.satisfaction')}
          extra={t('public.rateHelp')}
          rules={[rules.required()]}
        >
          <Rate />
        </Form.Item>
        <Form.Item name="comment" label={t('fields.comment')} rules={[rules.maxLength(ticketLimits.comment)]}>
          <Input.TextArea rows={3} maxLength={ticketLimits.comment} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending} block>
          {t('public.send')}
        </Button>
      </Form>
    </section>
  );
}
