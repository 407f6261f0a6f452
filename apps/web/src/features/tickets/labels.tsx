import './texts.ts';
import type { Ticket, TicketListItem, TicketPriority, TicketStatus } from '@guanxi/contract';
import { Flex, Progress, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';

const priorityColors: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

const statusColors: Record<TicketStatus, string> = {
  new: 'default',
  assigned: 'cyan',
  'in-progress': 'processing',
  waiting: 'gold',
  resolved: 'green',
  feedback: 'green',
  archived: 'default',
  merged: 'default',
};

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation('tickets');
  return <Tag color={priorityColors[priority]}>{t(`priorities.${priority}`)}</Tag>;
}

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation('tickets');
  return <Tag color={statusColors[status]}>{t(`statuses.${status}`)}</Tag>;
}

/** 保修期内 / 已过保, 合同有效 / 无效 (nothing where there was nothing to check against). */
export function ValidityTags({ validity }: { validity: Ticket['validity'] }) {
  const { t } = useTranslation('tickets');
  const { withinWarranty: w, withinContract: c } = validity;
  if (w === null && c === null)
    return <Typography.Text type="secondary">{t('validity.none')}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {w === null ? null : (
        <Tag color={w ? 'green' : 'red'}>{t(w ? 'validity.withinWarranty' : 'validity.outOfWarranty')}</Tag>
      )}
      {c === null ? null : (
        <Tag color={c ? 'green' : 'red'}>{t(c ? 'validity.withinContract' : 'validity.outOfContract')}</Tag>
      )}
    </Flex>
  );
}

/** The current time, moving on every `ms` (countdowns). */
function useNow(ms = 60_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** `3天2小时` / `2小时5分` / `12分钟`. */
export function useDuration() {
  const { t } = useTranslation('tickets');
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    return d > 0 ? t('duration.d', { d, h }) : h > 0 ? t('duration.h', { h, m }) : t('duration.m', { m });
  };
}

type ClockState = 'met' | 'breached' | 'paused' | 'running';
type Sla = TicketListItem['sla'];

/** One clock (response or resolution): met / breached (recorded or due passed while running) / paused / running. */
export function clockOf(sla: Sla, which: 'response' | 'resolution', now: number) {
  const due = which === 'response' ? sla.responseDueAt : sla.resolutionDueAt;
  const met = which === 'response' ? sla.responseMet : sla.resolutionMet;
  const breached = which === 'response' ? sla.responseBreached : sla.resolutionBreached;
  const doneAt = which === 'response' ? sla.respondedAt : sla.resolvedAt;
  let state: ClockState;
  if (met === true) state = 'met';
  else if (breached || met === false || (!doneAt && !sla.pausedAt && Date.parse(due) < now))
    state = 'breached';
  else if (sla.pausedAt) state = 'paused';
  else state = 'running';
  return { due, doneAt, state, left: Date.parse(due) - now };
}

function ClockTag({ state, left }: { state: ClockState; left: number }) {
  const { t } = useTranslation('tickets');
  const duration = useDuration();
  if (state === 'met') return <Tag color="green">{t('sla.met')}</Tag>;
  if (state === 'breached') return <Tag color="red">{t('sla.breached')}</Tag>;
  if (state === 'paused') return <Tag color="gold">{t('sla.paused')}</Tag>;
  return <Tag color={left < 3_600_000 ? 'orange' : 'blue'}>{t('sla.left', { time: duration(left) })}</Tag>;
}

/** The list's SLA cell: the clock that runs now (response until responded, then resolution). */
export function SlaCell({ ticket }: { ticket: Pick<TicketListItem, 'sla' | 'status'> }) {
  const now = useNow();
  const { sla } = ticket;
  if (ticket.status === 'merged') return null;
  const response = clockOf(sla, 'response', now);
  const resolution = clockOf(sla, 'resolution', now);
  // a breach of either clock is what the desk must see; else the clock that still runs
  const shown =
    response.state === 'breached'
      ? response
      : sla.respondedAt || response.state === 'met'
        ? resolution
        : response;
  return <ClockTag state={shown.state} left={shown.left} />;
}

/** The detail's SLA card: both clocks with due instants, states and the share of time used. */
export function SlaCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const now = useNow();
  const { sla } = ticket;
  const rows = (['response', 'resolution'] as const).map((which) => {
    const clock = clockOf(sla, which, now);
    // share of the span from creation to due used so far (wall time: a guide, the due instant is exact)
    const start = Date.parse(ticket.createdAt);
    const end = clock.doneAt ? Date.parse(clock.doneAt) : sla.pausedAt ? Date.parse(sla.pausedAt) : now;
    const span = Date.parse(clock.due) - start;
    const used = span > 0 ? Math.min(100, Math.max(0, Math.round(((end - start) / span) * 100))) : 100;
    return { which, clock, used };
  });
  return (
    <Flex vertical gap={8}>
      {rows.map(({ which, clock, used }) => (
        <Flex key={which} vertical gap={2} aria-label={t(`sla.${which}`)} role="group">
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t(`sla.${which}`)}</Typography.Text>
            <ClockTag state={clock.state} left={clock.left} />
            <Typography.Text type="secondary">
              {t('sla.due', { at: formatDateTime(clock.due) })}
            </Typography.Text>
            {clock.doneAt ? (
              <Typography.Text type="secondary">
                {t('sla.done', { at: formatDateTime(clock.doneAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
          <Progress
            percent={used}
            size="small"
            status={clock.state === 'breached' ? 'exception' : clock.state === 'met' ? 'success' : 'normal'}
            showInfo={false}
          />
        </Flex>
      ))}
      {sla.pausedMinutes > 0 ? (
        <Typography.Text type="secondary">
          {t('sla.pausedMinutes', { minutes: sla.pausedMinutes })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
