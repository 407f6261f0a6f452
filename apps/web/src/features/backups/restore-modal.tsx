import { UploadOutlined } from '@ant-design/icons';
import type { RestoreMode } from '@guanxi/contract';
import { Alert, Button, Form, Input, Modal, Radio, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useRestore, useStartRestore } from './api.ts';

type Values = { mode: RestoreMode; confirm?: string };

/**
 * 还原: an archive, the mode and (to replace the tenant) its code typed again; then the restore's
 * progress and outcome. 还原到空系统 is offered only where the whole system may be restored.
 */
export function RestoreModal({
  open,
  systemScope,
  onClose,
}: {
  open: boolean;
  systemScope: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('backups');
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [restoreId, setRestoreId] = useState<string | null>(null);
  const start = useStartRestore();
  const restore = useRestore(restoreId);
  const showError = useShowError();
  const mode = Form.useWatch('mode', form);

  const close = () => {
    setFile(null);
    setRestoreId(null);
    form.resetFields();
    onClose();
  };
  const submit = async (values: Values) => {
    if (!file) return;
    try {
      const { id } = await start.mutateAsync({ file, mode: values.mode, confirm: values.confirm });
      setRestoreId(id);
    } catch (err) {
      showError(err, form);
    }
  };
  const job = restore.data;
  const rows = job?.result ? Object.values(job.result.tables).reduce((a, b) => a + b, 0) : 0;

  return (
    <Modal
      open={open}
      title={t('restoreTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        restoreId ? (
          <Button onClick={close}>OK</Button>
        ) : (
          <Button
            type="primary"
            danger
            loading={start.isPending}
            disabled={!file}
            onClick={() => form.submit()}
          >
            {t('restoreStart')}
          </Button>
        )
      }
    >
      {restoreId ? (
        job?.status === 'done' ? (
          <Alert type="success" showIcon title={t('restored', { rows, files: job.result?.files ?? 0 })} />
        ) : job?.status === 'failed' ? (
          <Alert type="error" showIcon title={t('restoreFailed', { error: job.error ?? job.code })} />
        ) : (
          <Alert type="info" showIcon title={t('restoring')} />
        )
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'replace-tenant' }}
          onFinish={submit}
        >
          <Form.Item label={t('file')} required>
            <Upload
              accept=".gz,.tgz,.tar,application/gzip"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{t('chooseFile')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="mode" label={t('mode')}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={(systemScope
                ? (['replace-tenant', 'empty-system'] as const)
                : (['replace-tenant'] as const)
              ).map((m) => ({
                value: m,
                label: t(`modes.${m}`),
              }))}
            />
          </Form.Item>
          {mode === 'replace-tenant' ? (
            <Form.Item
              name="confirm"
              label={t('confirm')}
              extra={t('confirmHint')}
              rules={[{ required: true, message: t('confirm') }]}
            >
              <Input placeholder={me.tenant.code} autoComplete="off" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
