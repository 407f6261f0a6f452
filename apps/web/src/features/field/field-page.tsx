import '../check-ins/texts.ts';
import './texts.ts';
import { CarOutlined, FlagOutlined, LoginOutlined, LogoutOutlined, ShopOutlined } from '@ant-design/icons';
import type { CheckIn, CheckInType } from '@guanxi/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { useMe } from '../../lib/access.ts';
import { CheckInFacts } from './check-in-result.tsx';
import { CheckInSheet, type CheckInTarget } from './check-in-sheet.tsx';
import { CustomerPicker } from './customer-picker.tsx';
import './field.css';
import { QueueCard } from './queue-card.tsx';
import { listCheckIns, type PendingCheckIn, queueVersion, subscribeToQueue } from './store.ts';
import { flushQueue, isOnDuty, setOnDuty, startFieldSync, subscribeToDuty } from './sync.ts';
import { TodayCard } from './today-card.tsx';

function subscribeToNetwork(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** This user's check-ins waiting on the device, reloaded whenever the queue changes. */
function useQueue(userId: string): PendingCheckIn[] {
  const version = useSyncExternalStore(subscribeToQueue, queueVersion);
  const [items, setItems] = useState<PendingCheckIn[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal to read again
  useEffect(() => {
    let cancelled = false;
    listCheckIns(userId).then(
      (list) => (cancelled ? undefined : setItems(list)),
      () => {}, // no IndexedDB (private mode): nothing can wait on the device
    );
    return () => {
      cancelled = true;
    };
  }, [userId, version]);
  return items;
}

type Done = { kind: 'sent'; record: CheckIn; customerName?: string; note?: string } | { kind: 'queued' };

/**
 * 外勤 — the phone's field home, made for one hand: the actions sit at the bottom, in reach of the
 * thumb; above them the day's state, the last result and what waits to be sent.
 */
export function FieldPage() {
  const { t } = useTranslation('field');
  const { message } = App.useApp();
  const me = useMe();
  const userId = me.user.id;
  const queryClient = useQueryClient();
  const online = useSyncExternalStore(subscribeToNetwork, () => navigator.onLine);
  const onDuty = useSyncExternalStore(subscribeToDuty, () => isOnDuty(userId));
  const queue = useQueue(userId);
  const [picking, setPicking] = useState<'visit-in' | 'visit-out' | null>(null);
  const [target, setTarget] = useState<CheckInTarget | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  useEffect(() => {
    // the signed-in frame starts it too; offline its chunk may not have loaded
    startFieldSync();
    void flushQueue();
  }, []);

  const start = (type: CheckInType) => {
    setDone(null);
    if (type === 'visit-in' || type === 'visit-out') setPicking(type);
    else setTarget({ type });
  };

  const afterCheckIn = (type: CheckInType) => {
    if (type === 'attendance-in') setOnDuty(userId, true);
    if (type === 'attendance-out') setOnDuty(userId, false);
    setTarget(null);
  };

  return (
    <div className="field-page">
      <PageHeader
        title={t('title')}
        subTitle={
          <Flex gap={6} wrap>
            <Tag color={onDuty ? 'green' : 'default'}>{onDuty ? t('duty.on') : t('duty.off')}</Tag>
            {online ? null : <Tag color="orange">{t('offline')}</Tag>}
          </Flex>
        }
      />
      <Flex vertical gap={12} className="field-body">
        <Typography.Text type="secondary">
          {t('greeting', { name: me.user.name, date: new Date().toLocaleDateString() })}
        </Typography.Text>
        {/* once the network is back the queue card tells what happens to it */}
        {done?.kind === 'queued' && !online ? (
          <Alert type="warning" showIcon title={t('queued')} closable onClose={() => setDone(null)} />
        ) : null}
        {done?.kind === 'sent' ? (
          <Card size="small" title={t('result.title')} aria-label={t('result.title')}>
            <CheckInFacts record={{ ...done.record, customerName: done.customerName, note: done.note }} />
          </Card>
        ) : null}
        <QueueCard items={queue} online={online} />
        <TodayCard userId={userId} timeZone={me.tenant.timezone} />
      </Flex>
      <section className="field-actions" aria-label={t('actions.label')}>
        {onDuty ? (
          <ActionButton icon={<LogoutOutlined />} onClick={() => start('attendance-out')}>
            {t('actions.attendanceOut')}
          </ActionButton>
        ) : (
          <ActionButton icon={<LoginOutlined />} primary onClick={() => start('attendance-in')}>
            {t('actions.attendanceIn')}
          </ActionButton>
        )}
        <ActionButton icon={<FlagOutlined />} onClick={() => start('activity')}>
          {t('actions.activity')}
        </ActionButton>
        <ActionButton icon={<ShopOutlined />} primary={onDuty} onClick={() => start('visit-in')}>
          {t('actions.visitIn')}
        </ActionButton>
        <ActionButton icon={<CarOutlined />} onClick={() => start('visit-out')}>
          {t('actions.visitOut')}
        </ActionButton>
      </section>
      {picking ? (
        <CustomerPicker
          type={picking}
          onClose={() => setPicking(null)}
          onPick={(customer) => {
            setPicking(null);
            setTarget({ type: picking, customer });
          }}
        />
      ) : null}
      {target ? (
        <CheckInSheet
          target={target}
          onClose={() => setTarget(null)}
          onDone={(record, item) => {
            afterCheckIn(item.type);
            setDone({ kind: 'sent', record, customerName: item.customerName, note: item.note });
            message.success(t('sent'));
            void queryClient.invalidateQueries({ queryKey: ['check-ins'] });
            // a plan's 活动签到 count moves with it
            if (item.planId) void queryClient.invalidateQueries({ queryKey: ['marketing-plans'] });
          }}
          onQueued={(item) => {
            afterCheckIn(item.type);
            setDone({ kind: 'queued' });
          }}
        />
      ) : null}
    </div>
  );
}

function ActionButton({
  icon,
  primary,
  onClick,
  children,
}: {
  icon: ReactNode;
  primary?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      size="large"
      icon={icon}
      onClick={onClick}
      className="field-action"
    >
      {children}
    </Button>
  );
}
