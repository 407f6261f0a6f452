import '../texts.ts';
import { customerLimits } from '@guanxi/contract';
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useFormRules } from '../../../components/form-rules.ts';

type Props = {
  open: boolean;
  /** How many customers (the title names the one, or counts many). */
  count: number;
  onCancel: () => void;
  /** Invalidates; a rejection shows the server's error on the form. */
  onSubmit: (reason: string | undefined) => Promise<unknown>;
};

/** 失效: says what it means (view-only, restorable) and asks for an optional reason. */
export function InvalidateDialog({ open, count, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('customers');
  const rules = useFormRules();
  return (
    <FormModal<{ reason?: string }>
      open={open}
      title={count === 1 ? t('dialogs.invalidateTitle') : t('dialogs.invalidateBulkTitle', { count })}
      okText={t('actions.invalidate')}
      danger
      name="customer-invalidate"
      onCancel={onCancel}
      onSubmit={({ reason }) => onSubmit(reason?.trim() || undefined)}
    >
      <Alert type="warning" showIcon title={t('dialogs.invalidateHelp')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('dialogs.invalidReason')}
        rules={[rules.maxLength(customerLimits.invalidReason)]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={customerLimits.invalidReason}
          showCount
          placeholder={t('dialogs.invalidReasonPlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}
