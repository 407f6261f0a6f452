import {
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
} from '@ant-design/icons';
import type { FileInfo } from '@guanxi/contract';
import { Flex, Image, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { IconAction } from '../../components/icon-action.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { fileUrl, formatSize } from './api.ts';

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

/** One file: thumbnail or type icon, name (download), size · who · when, download and delete. */
export function FileRow({
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
