import {
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { FileInfo } from '@guanxi/contract';
import { App, Button, Empty, Flex, Image, Progress, Skeleton, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { IconAction } from '../../components/icon-action.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useTenant } from '../system/api.ts';
import { fileUrl, formatSize, useDeleteFile, useFiles, useUploadFile } from './api.ts';

type Props = {
  /** The kind of record (`customers`) and its id. */
  entity: string;
  entityId: string;
  /** Upload and delete (the server checks again: who may change the record). */
  canChange: boolean;
};

type Sending = { uid: string; name: string; percent: number };

const THUMB = 48;

function TypeIcon({ mimeType }: { mimeType: string }) {
  const style = { fontSize: 28, color: 'var(--ant-color-text-tertiary)' };
  if (mimeType.startsWith('image/')) return <FileImageOutlined style={style} aria-hidden />;
  if (mimeType === 'application/pdf') return <FilePdfOutlined style={style} aria-hidden />;
  if (/sheet|excel/.test(mimeType)) return <FileExcelOutlined style={style} aria-hidden />;
  if (/word/.test(mimeType)) return <FileWordOutlined style={style} aria-hidden />;
  if (mimeType === 'application/zip') return <FileZipOutlined style={style} aria-hidden />;
  if (mimeType.startsWith('text/')) return <FileTextOutlined style={style} aria-hidden />;
  return <FileOutlined style={style} aria-hidden />;
}

/**
 * 附件: a record's files — upload with progress, the list (name, size, who, when), image
 * thumbnails with a preview, download, delete after confirmation. Works at phone width.
 */
export function AttachmentsPanel({ entity, entityId, canChange }: Props) {
  const { t } = useTranslation('files');
  const { message } = App.useApp();
  const showError = useShowError();
  const files = useFiles(entity, entityId);
  const upload = useUploadFile(entity, entityId);
  const remove = useDeleteFile(entity, entityId);
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
      await upload.mutateAsync({
        file,
        onProgress: (percent) => setSending((s) => s.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      });
      message.success(t('uploaded', { name: file.name }));
    } catch (e) {
      showError(e);
    } finally {
      setSending((s) => s.filter((x) => x.uid !== uid));
    }
  };

  return (
    <Flex vertical gap={12}>
      {canChange ? (
        <Flex gap={8} align="center" wrap>
          <Upload
            multiple
            showUploadList={false}
            customRequest={({ file }) => {
              const f = file as File & { uid: string };
              void send(f, f.uid);
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('upload')}</Button>
          </Upload>
          {maxBytes ? (
            <Typography.Text type="secondary">{t('limit', { max: formatSize(maxBytes) })}</Typography.Text>
          ) : null}
        </Flex>
      ) : null}

      {sending.map((s) => (
        <Flex key={s.uid} vertical gap={2} aria-label={t('sending', { name: s.name })}>
          <Typography.Text ellipsis>{s.name}</Typography.Text>
          <Progress percent={s.percent} size="small" status="active" />
        </Flex>
      ))}

      {files.isError ? (
        <QueryError error={files.error} onRetry={() => void files.refetch()} />
      ) : files.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : files.data.length === 0 && sending.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      ) : (
        <Image.PreviewGroup>
          <ul aria-label={t('list')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {files.data.map((f) => (
              <FileRow key={f.id} file={f} canChange={canChange} onDelete={() => remove.mutateAsync(f.id)} />
            ))}
          </ul>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}

function FileRow({
  file,
  canChange,
  onDelete,
}: {
  file: FileInfo;
  canChange: boolean;
  onDelete: () => Promise<unknown>;
}) {
  const { t } = useTranslation('files');
  return (
    <li
      aria-label={file.name}
      style={{
        display: 'flex',
        gap: 12,
        alignItems: 'center',
        padding: '8px 0',
        borderBottom: '1px solid var(--ant-color-split)',
      }}
    >
      <div style={{ width: THUMB, height: THUMB, flex: 'none', display: 'grid', placeItems: 'center' }}>
        {file.hasThumbnail ? (
          <Image
            width={THUMB}
            height={THUMB}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            src={fileUrl(file.id, 'thumbnail')}
            alt={t('thumbnailOf', { name: file.name })}
            preview={{ src: fileUrl(file.id, 'preview') }}
          />
        ) : (
          <TypeIcon mimeType={file.mimeType} />
        )}
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Link href={fileUrl(file.id)} download={file.name} ellipsis style={{ display: 'block' }}>
          {file.name}
        </Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[formatSize(file.size), file.createdByName, formatDateTime(file.createdAt)]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      </div>
      <Flex gap={4} style={{ flex: 'none' }}>
        <IconAction
          label={t('downloadName', { name: file.name })}
          icon={<DownloadOutlined aria-hidden />}
          href={fileUrl(file.id)}
          download={file.name}
        />
        {canChange ? (
          // a link, not an icon: an icon's tooltip would lie over the confirmation's buttons
          <ConfirmDeleteButton
            look="link"
            icon={null}
            title={t('confirmDelete', { name: file.name })}
            ariaLabel={t('deleteName', { name: file.name })}
            doneMessage={t('deleted')}
            onConfirm={onDelete}
          />
        ) : null}
      </Flex>
    </li>
  );
}
