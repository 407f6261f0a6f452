import './texts.ts';
import type { EventOccurrence } from '@guanxi/contract';
import { Calendar, Empty, Flex, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kindColors, onDay, timeRange } from './kinds.ts';
import './schedule.css';

type Open = (o: EventOccurrence) => void;

/** One occurrence as a small coloured line (month cells, all-day rows). */
function Chip({ o, onOpen, showTime = true }: { o: EventOccurrence; onOpen: Open; showTime?: boolean }) {
  const c = kindColors[o.kind];
  return (
    <button
      type="button"
      className={`event-chip${o.done ? ' event-done' : ''}`}
      style={{ background: c.fill, borderLeftColor: c.border }}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(o);
      }}
      title={o.title}
    >
      {showTime && !o.allDay ? (
        <span className="event-time">{dayjs(o.occurrenceStart).format('HH:mm')}</span>
      ) : null}
      <span className="event-title">{o.title}</span>
    </button>
  );
}

const MAX_IN_CELL = 3;

/** 月: antd's Calendar, each day with its occurrences (three, then 还有 N 项 to its day). */
export function MonthView({
  anchor,
  list,
  onOpen,
  onPick,
  onMore,
}: {
  anchor: Dayjs;
  list: EventOccurrence[];
  onOpen: Open;
  onPick: (d: Dayjs) => void;
  onMore: (d: Dayjs) => void;
}) {
  const { t } = useTranslation('events');
  return (
    <Calendar
      className="schedule-month"
      value={anchor}
      headerRender={() => null}
      onSelect={(d, info) => {
        if (info.source === 'date') onPick(d);
      }}
      cellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode;
        const day = onDay(list, d);
        return (
          <Flex vertical gap={2}>
            {day.slice(0, MAX_IN_CELL).map((o) => (
              <Chip key={`${o.id}:${o.occurrenceStart}`} o={o} onOpen={onOpen} />
            ))}
            {day.length > MAX_IN_CELL ? (
              <Typography.Link
                className="event-more"
                onClick={(e) => {
                  e.stopPropagation();
                  onMore(d);
                }}
              >
                {t('more', { count: day.length - MAX_IN_CELL })}
              </Typography.Link>
            ) : null}
          </Flex>
        );
      }}
    />
  );
}

const HOUR_PX = 48;
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/** Lanes for overlapping occurrences of one day: each gets the first lane free at its start. */
function lanes(items: EventOccurrence[]) {
  const sorted = [...items].sort((a, b) => a.occurrenceStart.localeCompare(b.occurrenceStart));
  const ends: number[] = [];
  const lane = new Map<EventOccurrence, number>();
  for (const o of sorted) {
    const start = dayjs(o.occurrenceStart).valueOf();
    const end = Math.max(dayjs(o.occurrenceEnd ?? o.occurrenceStart).valueOf(), start + 30 * 60_000);
    let i = ends.findIndex((e) => e <= start);
    if (i < 0) i = ends.push(0) - 1;
    ends[i] = end;
    lane.set(o, i);
  }
  return { lane, count: Math.max(1, ends.length) };
}

/** 周 / 日: a time grid, one column per day, an all-day row on top; opens scrolled to 08:00. */
export function TimeGrid({ days, list, onOpen }: { days: Dayjs[]; list: EventOccurrence[]; onOpen: Open }) {
  const { t } = useTranslation('events');
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 8 * HOUR_PX - 12; // 08:00 and its label
  }, []);
  const today = dayjs();
  const columns = `56px repeat(${days.length}, minmax(0, 1fr))`;
  return (
    <div className="time-grid">
      <div className="time-grid-head" style={{ gridTemplateColumns: columns }}>
        <div />
        {days.map((d) => (
          <div key={d.valueOf()} className={`time-grid-day${d.isSame(today, 'day') ? ' is-today' : ''}`}>
            {d.format('ddd M/D')}
          </div>
        ))}
        <div className="time-grid-label">{t('agenda.allDay')}</div>
        {days.map((d) => (
          // a plain div: antd's Flex hides itself when empty, and the grid would move the next days left
          <div key={d.valueOf()} className="time-grid-allday">
            {onDay(list, d)
              .filter((o) => o.allDay)
              .map((o) => (
                <Chip key={`${o.id}:${o.occurrenceStart}`} o={o} onOpen={onOpen} showTime={false} />
              ))}
          </div>
        ))}
      </div>
      <div className="time-grid-body" ref={scroller}>
        <div className="time-grid-rows" style={{ gridTemplateColumns: columns, height: 24 * HOUR_PX }}>
          <div className="time-grid-hours">
            {HOURS.map((label) => (
              <div key={label} style={{ height: HOUR_PX }}>
                {label === '00:00' ? '' : label}
              </div>
            ))}
          </div>
          {days.map((d) => {
            const timed = onDay(list, d).filter((o) => !o.allDay);
            const { lane, count } = lanes(timed);
            const dayStart = d.startOf('day');
            return (
              <div key={d.valueOf()} className="time-grid-column">
                {timed.map((o) => {
                  const start = dayjs(o.occurrenceStart);
                  const end = o.occurrenceEnd ? dayjs(o.occurrenceEnd) : start.add(30, 'minute');
                  const from = Math.max(0, start.diff(dayStart, 'minute'));
                  const to = Math.min(24 * 60, Math.max(end.diff(dayStart, 'minute'), from + 30));
                  const c = kindColors[o.kind];
                  return (
                    <button
                      type="button"
                      key={`${o.id}:${o.occurrenceStart}`}
                      className={`time-grid-event${o.done ? ' event-done' : ''}`}
                      style={{
                        top: (from / 60) * HOUR_PX,
                        height: ((to - from) / 60) * HOUR_PX - 2,
                        left: `${(lane.get(o)! / count) * 100}%`,
                        width: `${100 / count}%`,
                        background: c.fill,
                        borderLeftColor: c.border,
                      }}
                      onClick={() => onOpen(o)}
                      title={o.title}
                    >
                      <span className="event-time">{timeRange(o)}</span>
                      <span className="event-title">{o.title}</span>
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** 日程列表 on phones: the days in order, each with its occurrences. */
export function AgendaList({ days, list, onOpen }: { days: Dayjs[]; list: EventOccurrence[]; onOpen: Open }) {
  const { t } = useTranslation('events');
  const today = dayjs();
  const filled = days.map((d) => ({ d, items: onDay(list, d) })).filter((x) => x.items.length);
  if (!filled.length) return <Empty description={t('agenda.empty')} />;
  return (
    <div className="agenda">
      {filled.map(({ d, items }) => (
        <section key={d.valueOf()} className="agenda-day">
          <Typography.Text strong className={d.isSame(today, 'day') ? 'agenda-today' : undefined}>
            {d.format(t('agenda.dayFormat'))}
            {d.isSame(today, 'day') ? ` · ${t('nav.today')}` : ''}
          </Typography.Text>
          {items.map((o) => {
            const c = kindColors[o.kind];
            return (
              <button
                type="button"
                key={`${o.id}:${o.occurrenceStart}`}
                className={`agenda-item${o.done ? ' event-done' : ''}`}
                style={{ borderLeftColor: c.border }}
                onClick={() => onOpen(o)}
              >
                <span className="agenda-time">{o.allDay ? t('agenda.allDay') : timeRange(o)}</span>
                <span className="agenda-main">
                  <span className="event-title">{o.title}</span>
                  <span className="agenda-meta">
                    <Tag color={c.tag} bordered={false}>
                      {t(`kinds.${o.kind}`)}
                    </Tag>
                    {o.customerName ?? ''}
                    {o.done ? ` · ${t('status.done')}` : ''}
                  </span>
                </span>
              </button>
            );
          })}
        </section>
      ))}
    </div>
  );
}
