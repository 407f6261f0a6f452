import { CameraOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CheckIn, CheckInType } from '@guanxi/contract';
import { checkInRules } from '@guanxi/contract';
import { Alert, Button, Drawer, Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useFormatDistance } from '../check-ins/labels.tsx';
import { useCheckInSettings } from '../system/api.ts';
import { PlanSelect } from './plan-select.tsx';
import { type PendingCheckIn, putCheckIn } from './store.ts';
import { isNetworkError, sendCheckIn } from './sync.ts';
import { useCamera } from './use-camera.ts';
import { useLocation } from './use-location.ts';

export type CheckInTarget = {
  type: CheckInType;
  customer?: { id: string; name: string };
};

type Props = {
  target: CheckInTarget;
  onClose: () => void;
  /** Sent and answered: the record as the server made it. */
  onDone: (record: CheckIn, item: PendingCheckIn) => void;
  /** No network: kept on the device (待上传). */
  onQueued: (item: PendingCheckIn) => void;
};

/**
 * One check-in: the live camera, the shutter, where the phone is (with its accuracy) and a note.
 * Its `Idempotency-Key` is made when the screen opens and stays with it — through a retry, the
 * offline queue and a resend — so the server never makes two records of it.
 */
export function CheckInSheet({ target, onClose, onDone, onQueued }: Props) {
  const { t } = useTranslation('field');
  const { t: tc } = useTranslation('checkIns');
  const me = useMe();
  const can = useCan();
  const isPhone = useIsPhone();
  const settings = useCheckInSettings();
  const distanceText = useFormatDistance();
  const [key] = useState(() => crypto.randomUUID());
  const [shot, setShot] = useState<{ blob: Blob; url: string; at: string } | null>(null);
  const [note, setNote] = useState('');
  // 活动签到 against a marketing plan the caller executes (none: a check-in of its own)
  const [plan, setPlan] = useState<{ id: string; title: string } | undefined>();
  const withPlan = target.type === 'activity' && can('marketing-plans:view');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const camera = useCamera(!shot);
  const location = useLocation(true);

  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);

  // offline the rule is not known: a photo is asked for (the tenant default)
  const photoRequired = settings.data?.photoRequired ?? true;
  const canSubmit = !sending && (!!shot || !photoRequired);

  const takePhoto = async () => {
    try {
      const blob = await camera.capture();
      setShot({ blob, url: URL.createObjectURL(blob), at: new Date().toISOString() });
    } catch {
      setError(t('camera.notReady'));
    }
  };

  const submit = async () => {
    setSending(true);
    setError(null);
    const fix = location.fix;
    const item: PendingCheckIn = {
      key,
      userId: me.user.id,
      type: target.type,
      lat: fix?.lat,
      lng: fix?.lng,
      accuracy: fix?.accuracy,
      // the moment of the photo: that is when the person was there
      capturedAt: shot?.at ?? new Date().toISOString(),
      customerId: target.customer?.id,
      customerName: target.customer?.name,
      planId: plan?.id,
      planTitle: plan?.title,
      note: note.trim() || undefined,
      photo: shot?.blob,
      status: 'pending',
    };
    try {
      if (!navigator.onLine) {
        await putCheckIn(item);
        return onQueued(item);
      }
      onDone(await sendCheckIn(item), item);
    } catch (e) {
      if (isNetworkError(e)) {
        await putCheckIn(item);
        return onQueued(item);
      }
      if (isApiError(e, 'CHECKIN_OUT_OF_RANGE')) {
        const distance = Number(
          (e.body as { details?: { distanceMeters?: number } }).details?.distanceMeters,
        );
        setError(
          Number.isFinite(distance) ? t('outOfRange', { distance: distanceText(distance) }) : e.message,
        );
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const typeLabel = tc(`types.${target.type}`);
  return (
    <Drawer
      open
      onClose={onClose}
      title={target.customer ? `${typeLabel} · ${target.customer.name}` : typeLabel}
      size={isPhone ? '100%' : 480}
      placement={isPhone ? 'bottom' : 'right'}
      destroyOnHidden
      styles={{ body: { padding: isPhone ? 12 : 16 } }}
      footer={
        <Button
          type="primary"
          size="large"
          block
          loading={sending}
          disabled={!canSubmit}
          onClick={() => void submit()}
          style={{ height: 52 }}
        >
          {t('submit')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        {withPlan ? <PlanSelect value={plan?.id} onChange={setPlan} /> : null}
        <div className="field-camera">
          {shot ? (
            <img src={shot.url} alt={t('camera.photo')} />
          ) : (
            // the live preview: there is deliberately no way to pick a file
            <video ref={camera.videoRef} playsInline muted autoPlay aria-label={t('camera.preview')} />
          )}
          {!shot && camera.status === 'starting' ? (
            <span className="field-camera-hint">{t('camera.starting')}</span>
          ) : null}
        </div>
        {camera.status === 'denied' || camera.status === 'unavailable' || camera.status === 'error' ? (
          <Alert
            type="error"
            showIcon
            title={t(`camera.${camera.status}`)}
            action={
              <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={camera.retry}>
                {t('retry')}
              </Button>
            }
          />
        ) : null}
        {shot ? (
          <Button size="large" icon={<CameraOutlined aria-hidden />} onClick={() => setShot(null)}>
            {t('camera.retake')}
          </Button>
        ) : (
          <Button
            type="primary"
            ghost
            size="large"
            icon={<CameraOutlined aria-hidden />}
            disabled={camera.status !== 'live'}
            onClick={() => void takePhoto()}
            style={{ height: 52 }}
          >
            {t('camera.shutter')}
          </Button>
        )}
        <LocationLine state={location} />
        <Input.TextArea
          aria-label={t('note')}
          placeholder={t('notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={checkInRules.note}
          autoSize={{ minRows: 2, maxRows: 4 }}
        />
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Flex>
    </Drawer>
  );
}

function LocationLine({ state }: { state: ReturnType<typeof useLocation> }) {
  const { t } = useTranslation('field');
  if (state.status === 'denied' || state.status === 'unavailable') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t(`location.${state.status}`)}
        action={
          <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={state.retry}>
            {t('retry')}
          </Button>
        }
      />
    );
  }
  return (
    <Flex gap={8} align="center" role="status">
      <EnvironmentOutlined aria-hidden />
      {state.status === 'ok' ? (
        <Typography.Text>
          {t('location.ok', { accuracy: state.fix.accuracy })}{' '}
          <Typography.Text type="secondary">
            {state.fix.lat.toFixed(5)}, {state.fix.lng.toFixed(5)}
          </Typography.Text>
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('location.locating')}</Typography.Text>
      )}
    </Flex>
  );
}
