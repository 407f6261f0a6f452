import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatSize } from './api.ts';
import type { useUploadQueue } from './use-upload-queue.ts';

/** 上传附件 (several at once), the tenant's size limit, and a progress bar per file on its way. */
export function UploadControls({ queue }: { queue: ReturnType<typeof useUploadQueue> }) {
  const { t } = useTranslation('files');
  return (
    <>
      <Flex gap={8} align="center" wrap>
        <Upload
          multiple
          showUploadList={false}
          customRequest={({ file }) => {
            const f = file as File & { uid: string };
            void queue.send(f, f.uid);
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('upload')}</Button>
        </Upload>
        {queue.maxBytes ? (
          <Typography.Text type="secondary">
            {t('limit', { max: formatSize(queue.maxBytes) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {queue.sending.map((s) => (
        <Flex key={s.uid} vertical gap={2} aria-label={t('sending', { name: s.name })}>
          <Typography.Text ellipsis>{s.name}</Typography.Text>
          <Progress percent={s.percent} size="small" status="active" />
        </Flex>
      ))}
    </>
  );
}
