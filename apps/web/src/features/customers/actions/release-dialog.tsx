import type { Customer } from '@guanxi/contract';
import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/use-show-error.ts';
import { usePools } from '../../pools/api.ts';
import { useReleaseCustomer } from '../api.ts';
import { ActionModal } from './action-modal.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };
type Values = { reason: string; poolId?: string };

/** 放弃: release the customer into a public pool, with a reason. */
export function ReleaseDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const release = useReleaseCustomer();
  const pools = usePools(open);
  return (
    <ActionModal
      open={open}
      title={t('dialogs.releaseTitle')}
      okText={t('actions.release')}
      danger
      name="customer-release"
      form={form}
      saving={release.isPending}
      onCancel={onClose}
      onFinish={({ reason, poolId }) =>
        release.mutate(
          { id: customer.id, reason: reason.trim(), poolId },
          {
            onSuccess: () => {
              message.success(t('dialogs.released'));
              onClose();
            },
            onError: (e) => showError(e, form),
          },
        )
      }
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
        rules={[
          { required: true, whitespace: true, message: t('dialogs.reasonRequired') },
          { max: 200, message: tc('validation.maxLength', { max: 200 }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} showCount />
      </Form.Item>
    </ActionModal>
  );
}
