import './texts.ts';
import { CopyOutlined } from '@ant-design/icons';
import type { Ticket } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Popconfirm,
  Rate,
  Result,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { Children, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { copyText } from '../../lib/copy-text.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { type TicketMove, useMoveTicket, useTicket } from './api.ts';
import { PriorityTag, SlaCard, TicketStatusTag, ValidityTags } from './labels.tsx';
import { LinkCustomerDialog } from './link-customer-dialog.tsx';
import { type Dialog, MoveDialog } from './move-dialog.tsx';
import { Activity, Related } from './ticket-activity.tsx';

type Props = { id: string | null; onClose: () => void };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {children}
    </section>
  );
}

/** The moves that take a form (the others go with one click). */

/** 工单详情: facts and validity, the SLA card, the timeline with a note box, the moves allowed now. */
export function TicketDetail({ id, onClose }: Props) {
  const { t } = useTranslation('tickets');
  const isPhone = useIsPhone();
  const can = useCan();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const ticket = useTicket(id);
  const move = useMoveTicket();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [linking, setLinking] = useState(false);
  const k = ticket.data;

  /** A one-click move; a 409 says the ticket moved meanwhile (it reloads). */
  const run = (m: TicketMove) =>
    move.mutateAsync({ id: k!.id, ...m } as TicketMove & { id: string }).then(
      () => {
        message.success(t('actions.done'));
      },
      (e) => {
        if (isApiError(e, 'CONFLICT') || isApiError(e, 'INVALID_TRANSITION')) message.error(t('conflict'));
        else showError(e);
      },
    );

  const body = ticket.isError ? (
    isApiError(ticket.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('notFound')} />
    ) : (
      <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />
    )
  ) : !k ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={20}>
      {k.mergedIntoId ? (
        <Alert
          type="info"
          showIcon
          title={<Link to={`/tickets?id=${k.mergedIntoId}`}>{t('detail.mergedInto')}</Link>}
        />
      ) : null}
      <Descriptions size="small" column={isPhone ? 1 : 2} bordered>
        <Descriptions.Item label={t('fields.status')}>
          <Flex gap={4} wrap>
            <TicketStatusTag status={k.status} />
            <PriorityTag priority={k.priority} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.type')}>{k.typeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.customer')}>
          {k.customerId ? (
            <Link to={`/customers/${k.customerId}`}>{k.customerName}</Link>
          ) : (
            <Flex gap={8} wrap align="center">
              <Typography.Text type="warning">{t('detail.noCustomer')}</Typography.Text>
              {can('tickets:edit') && !['archived', 'merged'].includes(k.status) ? (
                <Button size="small" onClick={() => setLinking(true)}>
                  {t('detail.linkCustomer')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.contact')}>{k.contactName ?? '—'}</Descriptions.Item>
        {k.submitter ? (
          <Descriptions.Item label={t('fields.submitter')} span={isPhone ? 1 : 2}>
            <Submitter submitter={k.submitter} />
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('fields.handler')}>
          {k.handlerName ? `${k.handlerName}${k.departmentName ? `（${k.departmentName}）` : ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.channel')}>
          {k.channel ? t(`channels.${k.channel}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.validity')} span={isPhone ? 1 : 2}>
          <ValidityTags validity={k.validity} />
        </Descriptions.Item>
        {k.orderId || k.contractId || k.productId ? (
          <Descriptions.Item label={t('fields.related')} span={isPhone ? 1 : 2}>
            <Related ticket={k} />
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(k.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.publicUrl')}>
          <Flex gap={4} align="center" style={{ minWidth: 0 }}>
            <Typography.Text ellipsis style={{ maxWidth: isPhone ? 180 : 260 }}>
              <a href={k.publicUrl} target="_blank" rel="noreferrer">
                {k.publicUrl}
              </a>
            </Typography.Text>
            <Button
              size="small"
              icon={<CopyOutlined aria-hidden />}
              aria-label={t('detail.copy')}
              onClick={() =>
                void copyText(k.publicUrl).then((ok) => ok && message.success(t('detail.copied')))
              }
            />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.request')} span={isPhone ? 1 : 2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {k.request}
          </Typography.Paragraph>
        </Descriptions.Item>
        {k.resolution ? (
          <Descriptions.Item label={t('fields.resolution')} span={isPhone ? 1 : 2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {k.resolution}
            </Typography.Paragraph>
            {k.solutions.length ? (
              <Flex gap={4} wrap>
                {k.solutions.map((a) => (
                  <Link key={a.id} to={`/kb?id=${a.id}`}>
                    <Tag color="blue">{a.title}</Tag>
                  </Link>
                ))}
              </Flex>
            ) : null}
          </Descriptions.Item>
        ) : null}
        {k.satisfaction ? (
          <Descriptions.Item label={t('fields.satisfaction')} span={isPhone ? 1 : 2}>
            <Flex gap={8} wrap align="center">
              <Rate disabled value={k.satisfaction} />
              {k.feedbackBy ? <Tag>{t(`detail.feedbackBy.${k.feedbackBy}`)}</Tag> : null}
              {k.feedbackComment ? <Typography.Text>{k.feedbackComment}</Typography.Text> : null}
            </Flex>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Section title={t('detail.sla')}>
        <SlaCard ticket={k} />
      </Section>
      <Section title={t('detail.timeline')}>
        <Activity ticket={k} />
      </Section>
    </Flex>
  );

  const handles = !!k && (k.handlerId === me.user.id || can('tickets:assign'));
  const edit = can('tickets:edit');
  const s = k?.status;
  const button = (key: string, label: string, onClick: () => void, primary = false) => (
    <Button
      key={key}
      type={primary ? 'primary' : 'default'}
      onClick={onClick}
      loading={move.isPending && false}
    >
      {label}
    </Button>
  );
  const one = (m: 'grab' | 'start' | 'resume' | 'reopen') => () =>
    void run({ move: m, body: { version: k!.version } });
  const buttons = k ? (
    <>
      {can('tickets:assign') && ['new', 'assigned', 'in-progress', 'waiting'].includes(k.status)
        ? button('assign', t('actions.assign'), () => setDialog('assign'), s === 'new')
        : null}
      {edit && !k.handlerId && s === 'new' ? button('grab', t('actions.grab'), one('grab'), true) : null}
      {edit && k.handlerId === me.user.id && ['assigned', 'in-progress', 'waiting'].includes(k.status)
        ? button('transfer', t('actions.transfer'), () => setDialog('transfer'))
        : null}
      {edit && handles && s === 'assigned' ? button('start', t('actions.start'), one('start'), true) : null}
      {edit && handles && s === 'in-progress'
        ? button('wait', t('actions.wait'), () => setDialog('wait'))
        : null}
      {edit && handles && s === 'waiting' ? button('resume', t('actions.resume'), one('resume'), true) : null}
      {edit && handles && ['assigned', 'in-progress', 'waiting'].includes(k.status)
        ? button('resolve', t('actions.resolve'), () => setDialog('resolve'), s === 'in-progress')
        : null}
      {edit && handles && s === 'resolved'
        ? button('feedback', t('actions.feedback'), () => setDialog('feedback'))
        : null}
      {edit && ['resolved', 'feedback'].includes(k.status)
        ? button('reopen', t('actions.reopen'), one('reopen'))
        : null}
      {can('tickets:archive') && ['resolved', 'feedback'].includes(k.status) ? (
        <Popconfirm
          key="archive"
          title={t('actions.archive')}
          description={<div style={{ maxWidth: 260 }}>{t('dialogs.archiveConfirm')}</div>}
          onConfirm={() => run({ move: 'archive', body: { version: k.version } })}
        >
          <Button type={s === 'feedback' ? 'primary' : 'default'}>{t('actions.archive')}</Button>
        </Popconfirm>
      ) : null}
      {edit && ['new', 'assigned', 'in-progress', 'waiting'].includes(k.status)
        ? button('merge', t('actions.merge'), () => setDialog('merge'))
        : null}
    </>
  ) : null;
  // an archived or merged ticket has no moves: no empty bar above its facts
  const actions = Children.toArray(buttons?.props.children).length ? (
    <Flex gap={8} wrap justify={isPhone ? 'flex-start' : 'flex-end'} style={{ marginBottom: 16 }}>
      {buttons}
    </Flex>
  ) : null;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={k ? `${k.number} · ${k.title}` : t('detail.title')}
      size={isPhone ? '100%' : 900}
      destroyOnHidden
    >
      {actions}
      {body}
      {k ? <MoveDialog ticket={k} dialog={dialog} onClose={() => setDialog(null)} /> : null}
      {k ? <LinkCustomerDialog ticket={k} open={linking} onClose={() => setLinking(false)} /> : null}
    </Drawer>
  );
}

/** Who asked through the public form, as they typed it. */
function Submitter({ submitter }: { submitter: NonNullable<Ticket['submitter']> }) {
  const { t } = useTranslation('tickets');
  return (
    <Flex gap={12} wrap>
      <Typography.Text>{submitter.name}</Typography.Text>
      {submitter.company ? <Typography.Text>{submitter.company}</Typography.Text> : null}
      {submitter.mobile ? (
        <Typography.Link href={`tel:${submitter.mobile}`} aria-label={t('fields.mobile')}>
          {submitter.mobile}
        </Typography.Link>
      ) : null}
      {submitter.email ? (
        <Typography.Link href={`mailto:${submitter.email}`} aria-label={t('fields.email')}>
          {submitter.email}
        </Typography.Link>
      ) : null}
    </Flex>
  );
}
