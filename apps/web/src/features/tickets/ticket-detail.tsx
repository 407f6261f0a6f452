import './texts.ts';
import { CopyOutlined } from '@ant-design/icons';
import { type Ticket, ticketLimits } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Rate,
  Result,
  Skeleton,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Children, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { copyText } from '../../lib/copy-text.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useContract } from '../contracts/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useOrder } from '../orders/api.ts';
import { useProduct } from '../products/api.ts';
import { UserSelect } from '../users/user-select.tsx';
import {
  type TicketMove,
  useAddNote,
  useMoveTicket,
  useTicket,
  useTicketActivities,
  useUpdateTicket,
} from './api.ts';
import { PriorityTag, SlaCard, TicketStatusTag, ValidityTags } from './labels.tsx';
import { ArticleSelect, TicketSelect } from './pickers.tsx';

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
type Dialog = 'assign' | 'transfer' | 'wait' | 'resolve' | 'feedback' | 'merge';

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

/** 关联客户: a public-form ticket whose submitter matched no contact gets its customer. */
function LinkCustomerDialog({
  ticket,
  open,
  onClose,
}: {
  ticket: Ticket;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const rules = useFormRules();
  const update = useUpdateTicket();
  return (
    <FormModal<{ customerId?: string }>
      open={open}
      name="ticket-link-customer-form"
      title={t('detail.linkCustomer')}
      okText={t('detail.linkCustomer')}
      intro={t('detail.linkHelp')}
      onCancel={onClose}
      onSubmit={async (v) => {
        try {
          await update.mutateAsync({ id: ticket.id, customerId: v.customerId!, version: ticket.version });
          message.success(t('detail.linked'));
        } catch (e) {
          if (!isApiError(e, 'CONFLICT')) throw e;
          message.error(t('conflict'));
        }
        onClose();
      }}
    >
      <Form.Item name="customerId" label={t('fields.customer')} rules={[rules.required()]}>
        <CustomerSelect />
      </Form.Item>
    </FormModal>
  );
}

/** The related order, contract and product by their numbers (as far as I may see them). */
function Related({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const order = useOrder(can('orders:view') ? ticket.orderId : null);
  const contract = useContract(can('contracts:view') ? ticket.contractId : null);
  const product = useProduct(can('products:view') ? ticket.productId : null);
  return (
    <Flex gap={12} wrap>
      {ticket.orderId ? (
        <Link to={`/orders?id=${ticket.orderId}`}>
          {t('fields.order')} {order.data?.number ?? ''}
        </Link>
      ) : null}
      {ticket.contractId ? (
        <Link to={`/contracts?id=${ticket.contractId}`}>
          {t('fields.contract')} {contract.data?.number ?? ''}
        </Link>
      ) : null}
      {ticket.productId ? (
        <Typography.Text>
          {t('fields.product')} {product.data ? `${product.data.code} ${product.data.name}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The timeline (newest first, 内部 marked) and the note box. */
function Activity({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const activities = useTicketActivities(ticket.id);
  const add = useAddNote(ticket.id);
  const [content, setContent] = useState('');
  const [internal, setInternal] = useState(true);
  const open = !['archived', 'merged'].includes(ticket.status);
  return (
    <Flex vertical gap={12}>
      {can('tickets:edit') && open ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            aria-label={t('fields.note')}
            rows={2}
            value={content}
            maxLength={ticketLimits.note}
            placeholder={t('detail.notePlaceholder')}
            onChange={(e) => setContent(e.target.value)}
          />
          <Flex gap={12} align="center" justify="space-between">
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={internal}
                onChange={setInternal}
                aria-label={t('detail.internalSwitch')}
              />
              <Typography.Text>{t('detail.internalSwitch')}</Typography.Text>
            </Flex>
            <Button
              type="primary"
              disabled={!content.trim()}
              loading={add.isPending}
              onClick={() =>
                add.mutateAsync({ content: content.trim(), internal }).then(() => {
                  setContent('');
                  message.success(t('detail.noteAdded'));
                }, showError)
              }
            >
              {t('detail.addNote')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : !activities.data ? (
        <Skeleton active />
      ) : activities.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noActivity')} />
      ) : (
        <Timeline
          items={activities.data.map((a) => ({
            key: a.id,
            color: a.kind === 'note' ? (a.internal ? 'gray' : 'blue') : 'green',
            content: (
              <Flex vertical gap={2}>
                <Flex gap={6} wrap align="center">
                  <Typography.Text strong>{t(`activity.${a.kind}`)}</Typography.Text>
                  {a.kind === 'note' && a.internal ? <Tag color="orange">{t('detail.internal')}</Tag> : null}
                  <Typography.Text type="secondary">
                    {[a.userName, formatDateTime(a.createdAt)].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Flex>
                {a.content ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {/* a rule's assignment is recorded as the word `rule` */}
                    {a.kind === 'assigned' && a.content === 'rule' ? t('activity.byRule') : a.content}
                  </Typography.Paragraph>
                ) : null}
              </Flex>
            ),
          }))}
        />
      )}
    </Flex>
  );
}

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
function MoveDialog({
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
