import { Empty, Flex, Image, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useDeleteFile, useFiles, useUploadFile } from './api.ts';
import { FileRow } from './file-row.tsx';
import { UploadControls } from './upload-controls.tsx';
import { useUploadQueue } from './use-upload-queue.ts';

type Props = {
  /** The kind of record (`customers`) and its id. */
  entity: string;
  entityId: string;
  /** Upload and delete (the server checks again: who may change the record). */
  canChange: boolean;
};

/**
 * 附件: a record's files — upload with progress, the list (name, size, who, when), image
 * thumbnails with a preview, download, delete after confirmation. Works at phone width.
 */
export function AttachmentsPanel({ entity, entityId, canChange }: Props) {
  const { t } = useTranslation('files');
  const files = useFiles(entity, entityId);
  const upload = useUploadFile(entity, entityId);
  const remove = useDeleteFile(entity, entityId);
  const queue = useUploadQueue((file, onProgress) => upload.mutateAsync({ file, onProgress }));

  return (
    <Flex vertical gap={12}>
      {canChange ? <UploadControls queue={queue} /> : null}
      {files.isError ? (
        <QueryError error={files.error} onRetry={() => void files.refetch()} />
      ) : files.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : files.data.length === 0 && queue.sending.length === 0 ? (
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
