import './texts.ts';
import { InboxOutlined } from '@ant-design/icons';
import type { ImportEntity } from '@guanxi/contract';
import { Flex, Radio, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  /** What the user may import (each entity has its own import permission). */
  entities: ImportEntity[];
  entity: ImportEntity;
  onEntity: (e: ImportEntity) => void;
  onFile: (file: File) => void;
  loading: boolean;
};

/** Step 1: what to import and the file (kept in the browser until the import starts). */
export function UploadStep({ entities, entity, onEntity, onFile, loading }: Props) {
  const { t } = useTranslation('imports');
  return (
    <Flex vertical gap={16}>
      <Radio.Group
        aria-label={t('entity.label')}
        value={entity}
        onChange={(e) => onEntity(e.target.value)}
        optionType="button"
        options={entities.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
      />
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        showUploadList={false}
        disabled={loading}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('upload.drop')}</p>
        <p className="ant-upload-hint">{t('upload.hint')}</p>
      </Upload.Dragger>
      <Typography.Text type="secondary">{t('upload.rules')}</Typography.Text>
    </Flex>
  );
}
