import './texts.ts';
import { SettingOutlined } from '@ant-design/icons';
import type { QuoteSettings } from '@guanxi/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { api } from '../../lib/api.ts';
import { quoteKeys, useQuoteSettings } from './api.ts';

/** 折扣审批阈值 (system admins): a line discount above it sends the quote to approval. */
export function QuoteSettingsButton() {
  const { t } = useTranslation('quotes');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const settings = useQuoteSettings();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (input: { discountThreshold: string; version: number }) =>
      api.put<QuoteSettings>('/quotes/settings', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: quoteKeys.all }),
  });
  return (
    <>
      <Button icon={<SettingOutlined aria-hidden />} onClick={() => setOpen(true)} disabled={!settings.data}>
        {t('settings.open')}
      </Button>
      <FormModal<{ discountThreshold: string }>
        open={open}
        title={t('settings.title')}
        name="quote-settings"
        initialValues={{ discountThreshold: settings.data?.discountThreshold }}
        onCancel={() => setOpen(false)}
        onSubmit={async (v) => {
          await save.mutateAsync({
            discountThreshold: v.discountThreshold.trim(),
            version: settings.data!.version,
          });
          message.success(t('settings.saved'));
          setOpen(false);
        }}
      >
        <Form.Item
          name="discountThreshold"
          label={t('settings.threshold')}
          rules={[{ required: true, pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('settings.threshold') }]}
        >
          <Input inputMode="decimal" suffix="%" />
        </Form.Item>
      </FormModal>
    </>
  );
}
