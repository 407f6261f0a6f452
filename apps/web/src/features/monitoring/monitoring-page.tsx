import '../check-ins/texts.ts';
import './texts.ts';
import { CloseOutlined } from '@ant-design/icons';
import type { AttendanceRow, AttendanceStatus, CheckInItem, TrackDay } from '@guanxi/contract';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  List,
  Row,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoMap, type MapMarker } from '../../components/geo-map.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { tenantToday } from '../check-ins/api.ts';
import { CheckInDrawer } from '../check-ins/check-in-drawer.tsx';
import { CheckInFlags, CheckInTypeTag, checkInMarkers, useFormatDistance } from '../check-ins/labels.tsx';
import { useAttendance, useDayCheckIns, useTrack, useTrackSummary } from './api.ts';
import './monitoring.css';

const statusColors: Record<AttendanceStatus, string> = {
  normal: 'green',
  late: 'orange',
  early: 'orange',
  'late-and-early': 'red',
  missing: 'red',
};

const time = (value: string | null) => (value ? dayjs(value).format('HH:mm') : '—');

/** The kept points of a route (the jitter filter's choice), in order. */
function keptPoints(track: TrackDay) {
  return track.kept.map((i) => track.points[i]).filter((p) => p !== undefined);
}

/**
 * 后台监控: a day's check-ins on a map and as a list, the people who sent a track with their
 * mileage (one chosen → their route on the map), and the day's attendance.
 */
export function MonitoringPage() {
  const { t } = useTranslation('monitoring');
  const { t: tc } = useTranslation('checkIns');
  const can = useCan();
  const me = useMe();
  const isPhone = useIsPhone();
  const distance = useFormatDistance();
  const [date, setDate] = useState(() => tenantToday(me.tenant.timezone));
  const [personId, setPersonId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // the page opens with either permission; each part shows by its own
  const canCheckIns = can('check-ins:view');
  const canTracks = can('tracks:view');
  const canAttendance = can('attendance:view');

  const checkIns = useDayCheckIns(date, canCheckIns);
  const summary = useTrackSummary(date, canTracks);
  const track = useTrack(canTracks ? personId : null, date);
  const attendance = useAttendance(date, canAttendance);
  const person = summary.data?.data.find((p) => p.userId === personId);

  const route = useMemo(() => (track.data ? keptPoints(track.data) : []), [track.data]);
  const markers = useMemo<MapMarker[]>(() => {
    const out = checkInMarkers(checkIns.data?.data ?? [], (c) => ({
      title: `${c.userName} · ${tc(`types.${c.type}`)}${c.customerName ? ` · ${c.customerName}` : ''}`,
      popup: <CheckInPopup item={c} onOpen={() => setOpenId(c.id)} />,
    }));
    // the chosen person's route: where it starts and ends; without one, the last known position
    const start = route[0];
    const end = route[route.length - 1];
    if (person && start && end && route.length > 1) {
      const at = (p: { at: string }) => time(p.at);
      out.push({
        id: 'route-start',
        ...start,
        title: t('route.start', { time: at(start) }),
        color: '#389e0d',
      });
      out.push({ id: 'route-end', ...end, title: t('route.end', { time: at(end) }), color: '#cf1322' });
    } else if (person) {
      out.push({
        id: `last-${person.userId}`,
        lat: person.lastLat,
        lng: person.lastLng,
        title: person.name,
        color: '#fa541c',
      });
    }
    return out;
  }, [checkIns.data, tc, t, person, route]);

  const checkInList = (
    <QueryState query={checkIns}>
      {(page) => (
        <List
          size="small"
          aria-label={t('checkIns.title')}
          dataSource={page.data}
          locale={{ emptyText: <Empty description={t('checkIns.empty')} /> }}
          renderItem={(c) => (
            <List.Item
              className="monitoring-row"
              onClick={() => setOpenId(c.id)}
              extra={<Typography.Text type="secondary">{time(c.capturedAt)}</Typography.Text>}
            >
              <List.Item.Meta
                title={
                  <Flex gap={6} wrap align="center">
                    <span>{c.userName}</span>
                    <CheckInTypeTag type={c.type} />
                  </Flex>
                }
                description={
                  <Flex vertical gap={4}>
                    {c.customerName ? (
                      <span>
                        {c.customerName}
                        {c.distanceMeters !== null ? ` · ${distance(c.distanceMeters)}` : ''}
                      </span>
                    ) : null}
                    <CheckInFlags flags={c.flags} />
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
    </QueryState>
  );

  const peopleList = (
    <QueryState query={summary}>
      {(data) => (
        <List
          size="small"
          aria-label={t('people.title')}
          dataSource={data.data}
          locale={{ emptyText: <Empty description={t('people.empty')} /> }}
          renderItem={(p) => (
            <List.Item
              className={`monitoring-row${p.userId === personId ? ' monitoring-row-active' : ''}`}
              onClick={() => setPersonId(p.userId === personId ? null : p.userId)}
              extra={<Typography.Text strong>{distance(p.distanceMeters)}</Typography.Text>}
            >
              <List.Item.Meta
                title={
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    aria-pressed={p.userId === personId}
                  >
                    {p.name}
                  </Button>
                }
                description={`${t('people.points', { count: p.points })} · ${t('people.last', { time: time(p.lastAt) })}`}
              />
            </List.Item>
          )}
        />
      )}
    </QueryState>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          <DatePicker
            aria-label={t('date')}
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => {
              if (!d) return;
              setDate(d.format('YYYY-MM-DD'));
              setPersonId(null);
            }}
          />
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            {person ? (
              <Flex justify="space-between" align="center" wrap gap={8} style={{ padding: '4px 8px 8px' }}>
                <Typography.Text strong>{t('route.title', { name: person.name })}</Typography.Text>
                <Flex gap={24} align="center" wrap>
                  <Statistic
                    title={t('route.mileage')}
                    value={track.data ? distance(track.data.distanceMeters) : '…'}
                    styles={{ content: { fontSize: 18 } }}
                  />
                  <Statistic
                    title={t('route.kept')}
                    value={track.data ? `${track.data.kept.length} / ${track.data.points.length}` : '…'}
                    styles={{ content: { fontSize: 18 } }}
                  />
                  <Button icon={<CloseOutlined aria-hidden />} onClick={() => setPersonId(null)}>
                    {t('route.clear')}
                  </Button>
                </Flex>
              </Flex>
            ) : null}
            <GeoMap
              height={isPhone ? 320 : 520}
              label={person ? t('route.map') : t('checkIns.map')}
              markers={markers}
              route={route}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            styles={{ body: { paddingTop: 0, maxHeight: isPhone ? undefined : 560, overflow: 'auto' } }}
          >
            <Tabs
              items={[
                ...(canCheckIns
                  ? [
                      {
                        key: 'check-ins',
                        label: `${t('checkIns.title')}${checkIns.data ? ` (${checkIns.data.data.length})` : ''}`,
                        children: checkInList,
                      },
                    ]
                  : []),
                ...(canTracks
                  ? [
                      {
                        key: 'people',
                        label: `${t('people.title')}${summary.data ? ` (${summary.data.data.length})` : ''}`,
                        children: peopleList,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        {canAttendance ? (
          <Col span={24}>
            <AttendanceCard query={attendance} />
          </Col>
        ) : null}
      </Row>
      <CheckInDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function CheckInPopup({ item, onOpen }: { item: CheckInItem; onOpen: () => void }) {
  const distance = useFormatDistance();
  return (
    <Flex vertical gap={4} style={{ minWidth: 160 }}>
      <Typography.Text strong>{item.userName}</Typography.Text>
      <span>
        <CheckInTypeTag type={item.type} /> {time(item.capturedAt)}
      </span>
      {item.customerName ? (
        <span>
          {item.customerName}
          {item.distanceMeters !== null ? ` · ${distance(item.distanceMeters)}` : ''}
        </span>
      ) : null}
      <CheckInFlags flags={item.flags} />
      <Button size="small" type="link" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={onOpen}>
        {item.customerName ?? item.userName}
      </Button>
    </Flex>
  );
}

function AttendanceCard({ query }: { query: ReturnType<typeof useAttendance> }) {
  const { t } = useTranslation('monitoring');
  return (
    <Card
      size="small"
      title={t('attendance.title')}
      extra={
        query.data ? (
          <Typography.Text type="secondary">
            {t('attendance.workHours', { start: query.data.workStart, end: query.data.workEnd })}
          </Typography.Text>
        ) : null
      }
    >
      <QueryState query={query}>
        {(data) => (
          <Table<AttendanceRow>
            size="small"
            rowKey="userId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.data}
            locale={{ emptyText: t('attendance.empty') }}
            columns={[
              { key: 'name', title: t('attendance.name'), dataIndex: 'name' },
              {
                key: 'department',
                title: t('attendance.department'),
                render: (_, r) => r.departmentName ?? '',
              },
              { key: 'in', title: t('attendance.checkIn'), render: (_, r) => time(r.checkInAt) },
              { key: 'out', title: t('attendance.checkOut'), render: (_, r) => time(r.checkOutAt) },
              {
                key: 'status',
                title: t('attendance.status'),
                render: (_, r) => (
                  <Tag color={statusColors[r.status]}>{t(`attendance.statuses.${r.status}`)}</Tag>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
