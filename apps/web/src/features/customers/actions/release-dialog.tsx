import '../texts.ts';
import { type Customer, poolLimits } from '@guanxi/contract';
import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useFormRules } from '../../../components/form-rules.ts';
import { usePools } from '../../pools/api.ts';
import { useReleaseCustomer } from '../api.ts';

type Props = { customer: Customer; open: boolean; onClose: () => void };
type Values = { reason: string; poolId?: string };

/** 放弃: release the customer into a public pool, with a reason. */
export function ReleaseDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const rules = useFormRules();
  const release = useReleaseCustomer();
  const pools = usePools(open);
  return (
    <FormModal<Values>
      open={open}
      title={t('dialogs.releaseTitle')}
      okText={t('actions.release')}
      danger
      name="customer-release"
      onCancel={onClose}
      onSubmit={async ({ reason, poolId }) => {
        await release.mutateAsync({ id: customer.id, reason: reason.trim(), poolId });
        message.success(t('dialogs.released'));
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('dialogs.releaseHelp', { name: customer.name })}
      </Typography.Paragraph>
      <Form.Item name="poolId" label={t('dialogs.pool')} extra={t('dialogs.poolHelp')}>
        <Select
          allowClear
          loading={pools.isPending}
          placeholder={t('dialogs.poolAuto')}
          options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('dialogs.reason')}
        rules={[rules.required(t('dialogs.reasonRequired')), rules.maxLength(poolLimits.releaseReason)]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={poolLimits.releaseReason}
          showCount
        />
      </Form.Item>
    </FormModal>
  );
}
