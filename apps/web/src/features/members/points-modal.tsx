import './texts.ts';
import { Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useChangePoints } from './api.ts';

type Values = { direction: 'add' | 'redeem'; points: number; reason: string };

/**
 * 积分调整 / 兑换: the server answers a redemption past the balance with INSUFFICIENT_POINTS at
 * `delta`, shown on the points field (the form maps `delta` to it).
 */
export function PointsModal({
  memberId,
  open,
  onClose,
}: {
  memberId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('members');
  const change = useChangePoints(memberId);
  return (
    <FormModal<Values>
      open={open}
      name="member-points"
      title={t('actions.points')}
      initialValues={{ direction: 'redeem' }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const delta = v.direction === 'add' ? v.points : -v.points;
        try {
          await change.mutateAsync({ delta, reason: v.reason.trim() });
        } catch (e) {
          // the server's field is the signed delta; the form's is the points
          const details = (e as { details?: { path: string; message: string }[] }).details;
          for (const d of details ?? [])
            if (d.path === 'delta')
              Object.assign(d, { path: 'points', message: t('insufficient', { points: d.message }) });
          throw e;
        }
        onClose();
      }}
    >
      <Form.Item name="direction" label={t('fields.direction')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'redeem', label: t('directions.redeem') },
            { value: 'add', label: t('directions.add') },
          ]}
        />
      </Form.Item>
      <Form.Item name="points" label={t('fields.pointsChange')} rules={[{ required: true }]}>
        <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('fields.reason')}
        rules={[{ required: true, whitespace: true, max: 200 }]}
      >
        <Input />
      </Form.Item>
    </FormModal>
  );
}
