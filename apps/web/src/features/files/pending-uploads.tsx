import type { FileInfo } from '@guanxi/contract';
import { Flex, Image } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadWithProgress } from '../../lib/api.ts';
import { FileRow } from './file-row.tsx';
import { UploadControls } from './upload-controls.tsx';
import { useUploadQueue } from './use-upload-queue.ts';

/** Stores a file as the caller's own upload, for a record not saved yet (named later in its `fileIds`). */
const uploadOwn = (file: File, onProgress: (percent: number) => void) => {
  const form = new FormData();
  form.set('entity', 'uploads');
  form.set('file', file, file.name);
  return uploadWithProgress<FileInfo>('/files', form, onProgress);
};

type Props = { value?: FileInfo[]; onChange?: (files: FileInfo[]) => void };

/**
 * 附件 of a form whose record does not exist yet (a form control: `value` is the files so far).
 * Each file is uploaded at once with its progress; saving the record sends their ids, and the
 * server attaches them to it in the same transaction.
 */
export function PendingUploads({ value = [], onChange }: Props) {
  const { t } = useTranslation('files');
  // uploads finish one after the other: each adds to the list as it is then, not as it was
  const latest = useRef(value);
  latest.current = value;
  const set = (files: FileInfo[]) => {
    latest.current = files;
    onChange?.(files);
  };
  const queue = useUploadQueue(uploadOwn, (f) => set([...latest.current, f]));
  return (
    <Flex vertical gap={8}>
      <UploadControls queue={queue} />
      {value.length ? (
        <Image.PreviewGroup>
          <ul aria-label={t('list')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {value.map((f) => (
              <FileRow
                key={f.id}
                file={f}
                canChange
                onDelete={async () => {
                  await api.delete(`/files/${f.id}`);
                  set(latest.current.filter((x) => x.id !== f.id));
                }}
              />
            ))}
          </ul>
        </Image.PreviewGroup>
      ) : null}
    </Flex>
  );
}
