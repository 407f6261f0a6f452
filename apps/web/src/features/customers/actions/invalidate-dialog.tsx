import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionModal } from './action-modal.tsx';

type Props = {
  open: boolean;
  /** How many customers (the title names the one, or counts many). */
  count: number;
  saving: boolean;
  onCancel: () => void;
  onFinish: (reason: string | undefined) => void;
};

/** 失效: says what it means (view-only, restorable) and asks for an optional reason. */
export function InvalidateDialog({ open, count, saving, onCancel, onFinish }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <ActionModal
      open={open}
      title={count === 1 ? t('dialogs.invalidateTitle') : t('dialogs.invalidateBulkTitle', { count })}
      okText={t('actions.invalidate')}
      danger
      name="customer-invalidate"
      form={form}
      saving={saving}
      onCancel={onCancel}
      onFinish={({ reason }) => onFinish(reason?.trim() || undefined)}
    >
      <Alert type="warning" showIcon title={t('dialogs.invalidateHelp')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('dialogs.invalidReason')}
        rules={[{ max: 200, message: tc('validation.maxLength', { max: 200 }) }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={200}
          showCount
          placeholder={t('dialogs.invalidReasonPlaceholder')}
        />
      </Form.Item>
    </ActionModal>
  );
}
