import './texts.ts';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { CalendarEvent, EventOccurrence, FollowUpDraft } from '@guanxi/contract';
import { Button, Card, Flex, Segmented, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { FollowUpDrawer } from '../follow-ups/follow-up-drawer.tsx';
import { useUser } from '../users/api.ts';
import { UserSelect } from '../users/user-select.tsx';
import { useOccurrences } from './api.ts';
import { AgendaList, MonthView, TimeGrid } from './calendar-views.tsx';
import { EventDetail } from './event-detail.tsx';
import { type EventDraft, EventDrawer } from './event-drawer.tsx';
import { kindColors, weekStart } from './kinds.ts';

type View = 'month' | 'week' | 'day';
const views: View[] = ['month', 'week', 'day'];

/** The days a view shows: the month's six weeks, a week (Monday first) or a day; phones: the week as a list. */
function daysOf(view: View | 'agenda', anchor: Dayjs): Dayjs[] {
  const first =
    view === 'month'
      ? weekStart(anchor.startOf('month'))
      : view === 'day'
        ? anchor.startOf('day')
        : weekStart(anchor);
  const n = view === 'month' ? 42 : view === 'day' ? 1 : 7;
  return Array.from({ length: n }, (_, i) => first.add(i, 'day'));
}

/** 日程: month / week / day calendars on a desktop, the week as an agenda list on a phone. */
export function SchedulePage() {
  const { t } = useTranslation('events');
  const can = useCan();
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const view: View = views.includes(params.get('view') as View) ? (params.get('view') as View) : 'month';
  const dateParam = params.get('date');
  const anchor = dateParam && dayjs(dateParam).isValid() ? dayjs(dateParam) : dayjs().startOf('day');
  const shown = isPhone ? 'agenda' : view;
  const days = daysOf(shown, anchor);
  const from = days[0].format();
  const to = days[days.length - 1].add(1, 'day').format();
  // a supervisor looks at a colleague's calendar (users in their users scope)
  const userId = params.get('user') ?? undefined;
  const occurrences = useOccurrences(from, to, userId);
  const colleague = useUser(userId);
  const list = occurrences.data ?? [];
  const [open, setOpen] = useState<EventOccurrence | null>(null);
  const [editing, setEditing] = useState<{ draft: EventDraft } | CalendarEvent | null>(null);
  // a completed call or visit plan opens the follow-up form, prefilled (跟进记录)
  const [followUp, setFollowUp] = useState<{ new: { draft: FollowUpDraft } } | null>(null);

  // from the address as it is now (lib/use-update-params.ts): 下一段 right after 周 keeps the week
  const go = (next: { view?: View; date?: Dayjs; user?: string | null }) =>
    updateParams(
      (p) => {
        if (next.view) p.set('view', next.view);
        if (next.user !== undefined) {
          if (next.user) p.set('user', next.user);
          else p.delete('user');
        }
        if (next.date) p.set('date', next.date.format('YYYY-MM-DD'));
      },
      { replace: true },
    );
  const step = (sign: 1 | -1) => {
    const unit = shown === 'month' ? 'month' : shown === 'day' ? 'day' : 'week';
    go({ date: anchor.add(sign, unit) });
  };
  const label =
    shown === 'month'
      ? anchor.format(t('monthFormat'))
      : shown === 'day'
        ? anchor.format(t('agenda.dayFormat'))
        : `${days[0].format('YYYY-MM-DD')} – ${days[6].format('MM-DD')}`;

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={isPhone ? undefined : t('subtitle')}
        extra={
          can('events:create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() =>
                setEditing({ draft: { date: anchor.isAfter(dayjs(), 'day') ? anchor : undefined } })
              }
            >
              {t('create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Flex align="center" gap={8}>
            <Button onClick={() => go({ date: dayjs().startOf('day') })}>{t('nav.today')}</Button>
            <Button
              icon={<LeftOutlined aria-hidden />}
              aria-label={t('nav.previous')}
              onClick={() => step(-1)}
            />
            <Button icon={<RightOutlined aria-hidden />} aria-label={t('nav.next')} onClick={() => step(1)} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {label}
            </Typography.Text>
            {occurrences.isFetching ? <Spin size="small" /> : null}
          </Flex>
          {isPhone ? null : (
            <Flex align="center" gap={12} wrap>
              {can('users:view') ? (
                <UserSelect
                  aria-label={t('whose')}
                  placeholder={t('whose')}
                  value={userId}
                  currentLabel={colleague.data ? `${colleague.data.name} (${colleague.data.username})` : null}
                  onChange={(v) => go({ user: v ?? null })}
                  style={{ width: 200 }}
                />
              ) : null}
              <Flex gap={4} wrap aria-hidden>
                {(Object.keys(kindColors) as (keyof typeof kindColors)[]).map((k) => (
                  <Tag key={k} color={kindColors[k].tag} bordered={false}>
                    {t(`kinds.${k}`)}
                  </Tag>
                ))}
              </Flex>
              <Segmented<View>
                value={view}
                onChange={(v) => go({ view: v })}
                options={views.map((v) => ({ value: v, label: t(`views.${v}`) }))}
              />
            </Flex>
          )}
        </Flex>
        {occurrences.isError ? (
          <QueryError error={occurrences.error} onRetry={() => occurrences.refetch()} />
        ) : shown === 'agenda' ? (
          <AgendaList days={days} list={list} onOpen={setOpen} />
        ) : shown === 'month' ? (
          <MonthView
            anchor={anchor}
            list={list}
            onOpen={setOpen}
            onPick={(d) => go({ date: d })}
            onMore={(d) => go({ view: 'day', date: d })}
          />
        ) : (
          <TimeGrid key={shown} days={days} list={list} onOpen={setOpen} />
        )}
      </Card>
      <EventDetail
        occurrence={open}
        onClose={() => setOpen(null)}
        onEdit={(o) => {
          setOpen(null);
          setEditing(o);
        }}
        onFollowUp={(draft) => setFollowUp({ new: { draft } })}
      />
      <EventDrawer target={editing} onClose={() => setEditing(null)} />
      <FollowUpDrawer target={followUp} onClose={() => setFollowUp(null)} />
    </>
  );
}
