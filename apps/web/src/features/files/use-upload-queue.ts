import type { FileInfo } from '@guanxi/contract';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useTenant } from '../system/api.ts';
import { formatSize } from './api.ts';

export type Sending = { uid: string; name: string; percent: number };

/**
 * Files on their way up, one progress bar each: refused at once above the tenant's size limit,
 * an error shown when the server refuses one; `onStored` gets each file the server kept.
 */
export function useUploadQueue(
  upload: (file: File, onProgress: (percent: number) => void) => Promise<FileInfo>,
  onStored?: (file: FileInfo) => void,
) {
  const { t } = useTranslation('files');
  const { message } = App.useApp();
  const showError = useShowError();
  const tenant = useTenant();
  const [sending, setSending] = useState<Sending[]>([]);
  const maxBytes = tenant.data?.fileMaxBytes;

  const send = async (file: File, uid: string) => {
    if (maxBytes && file.size > maxBytes) {
      message.error(t('tooLarge', { name: file.name, max: formatSize(maxBytes) }));
      return;
    }
    setSending((s) => [...s, { uid, name: file.name, percent: 0 }]);
    try {
      const stored = await upload(file, (percent) =>
        setSending((s) => s.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      );
      message.success(t('uploaded', { name: file.name }));
      onStored?.(stored);
    } catch (e) {
      showError(e);
    } finally {
      setSending((s) => s.filter((x) => x.uid !== uid));
    }
  };
  return { sending, send, maxBytes };
}
