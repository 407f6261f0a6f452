import './texts.ts';
import {
  periodEnd,
  periodStartOf,
  type WorkReport,
  type WorkReportFigures,
  type WorkReportPeriod,
  workReportPeriods,
} from '@guanxi/contract';
import { Card, Col, DatePicker, Row, Select, Skeleton, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { tenantToday } from '../../lib/tenant-today.ts';

const ymd = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The period's last day (inclusive). */
export const lastDayOf = (period: WorkReportPeriod, start: string) =>
  ymd(dayjs(periodEnd(period, start)).subtract(1, 'day'));

/** The period that holds the tenant's today: what a new report is about. */
export const currentStart = (period: WorkReportPeriod, timeZone: string) =>
  periodStartOf(period, tenantToday(timeZone));

/** 日报 2026-11-02, 周报 2026-11-02 ~ 2026-11-08, 月报 2026-11, 半年报 2026 上半年, 年报 2026. */
export function usePeriodLabel() {
  const { t } = useTranslation('workReports');
  return (r: Pick<WorkReport, 'period' | 'start'>, withType = true) => {
    const d = dayjs(r.start);
    const when = {
      day: r.start,
      week: `${r.start} ~ ${lastDayOf('week', r.start)}`,
      month: d.format('YYYY-MM'),
      'half-year': `${d.year()} ${t(d.month() < 6 ? 'halves.first' : 'halves.second')}`,
      year: String(d.year()),
    }[r.period];
    return withType ? `${t(`periods.${r.period}`)} ${when}` : when;
  };
}

export function PeriodSelect(props: {
  value?: WorkReportPeriod;
  onChange?: (p: WorkReportPeriod) => void;
  id?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation('workReports');
  return (
    <Select<WorkReportPeriod>
      {...props}
      options={workReportPeriods.map((p) => ({ value: p, label: t(`periods.${p}`) }))}
    />
  );
}

const pickers = { day: 'date', week: 'week', month: 'month', year: 'year' } as const;

/**
 * Picks a period of the kind `period` and answers its first day (a week: its Monday, whatever
 * the calendar's first weekday); half-years from a list around today.
 */
export function PeriodStartPicker({
  period,
  value,
  onChange,
  id,
}: {
  period: WorkReportPeriod;
  value?: string | null;
  onChange?: (start: string) => void;
  id?: string;
}) {
  const label = usePeriodLabel();
  if (period === 'half-year') {
    const year = dayjs().year();
    const options = [year + 1, year, year - 1, year - 2].flatMap((y) =>
      [`${y}-07-01`, `${y}-01-01`].map((start) => ({ value: start, label: label({ period, start }, false) })),
    );
    return (
      <Select
        id={id}
        value={value ?? undefined}
        onChange={onChange}
        options={options}
        style={{ width: '100%' }}
      />
    );
  }
  return (
    <DatePicker
      id={id}
      picker={pickers[period]}
      value={value ? dayjs(value) : null}
      allowClear={false}
      format={(d) => label({ period, start: periodStartOf(period, ymd(d)) }, false)}
      onChange={(d) => d && onChange?.(periodStartOf(period, ymd(d)))}
      style={{ width: '100%' }}
    />
  );
}

const figureKeys: (keyof WorkReportFigures)[] = ['newCustomers', 'followUps', 'visits', 'checkIns'];

/** The period's figures as four statistic cards (新增客户, 跟进, 拜访, 签到). */
export function FigureCards({ figures, loading }: { figures?: WorkReportFigures | null; loading?: boolean }) {
  const { t } = useTranslation('workReports');
  return (
    <Row gutter={[8, 8]}>
      {figureKeys.map((k) => (
        <Col key={k} xs={12} sm={6}>
          <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
            {/* a named region: the figure is found by its name (screen readers, journeys) */}
            <section aria-label={t(`figures.${k}`)}>
              {loading || !figures ? (
                <Skeleton active paragraph={false} title={{ width: '60%' }} />
              ) : (
                <Statistic title={t(`figures.${k}`)} value={figures[k]} />
              )}
            </section>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
