import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import {
  type CustomField,
  type CustomFieldEntity,
  customFieldEntities,
  MAX_CUSTOM_FIELDS,
} from '@guanxi/contract';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCustomFields } from './api.ts';
import { CustomFieldDrawer } from './custom-field-drawer.tsx';
import { CustomFieldTable } from './custom-field-table.tsx';
import { ReplaceOptionModal } from './replace-option-modal.tsx';

const isEntity = (v: string | null): v is CustomFieldEntity =>
  customFieldEntities.includes(v as CustomFieldEntity);

/** 自定义字段: the fields of each record type, in order, with their options and constraints. */
export function CustomFieldsPage() {
  const { t } = useTranslation('customFields');
  const isPhone = useIsPhone();
  // the record type lives in the address, so a reload or a shared link keeps it
  const [params, setParams] = useSearchParams();
  const param = params.get('entity');
  const entity: CustomFieldEntity = isEntity(param) ? param : 'customers';
  const fields = useCustomFields(entity);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<CustomField | null>(null);
  const count = fields.data?.length ?? 0;

  return (
    <>
      <PageHeader title={t('title')} subTitle={isPhone ? undefined : t('subtitle')} />
      <Card
        variant="borderless"
        styles={{ body: { padding: isPhone ? 8 : 16 } }}
        title={
          <Segmented<CustomFieldEntity>
            aria-label={t('entityLabel')}
            value={entity}
            onChange={(next) => setParams({ entity: next }, { replace: true })}
            options={customFieldEntities.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
          />
        }
        extra={
          <Button
            type="primary"
            size={isPhone ? 'small' : 'middle'}
            icon={<PlusOutlined aria-hidden />}
            disabled={count >= MAX_CUSTOM_FIELDS}
            onClick={() => setEditing('new')}
          >
            {t('actions.add')}
          </Button>
        }
      >
        {fields.isError ? (
          <QueryError error={fields.error} onRetry={() => void fields.refetch()} />
        ) : (
          <Flex vertical gap={8}>
            <CustomFieldTable
              entity={entity}
              fields={fields.data}
              loading={fields.isPending}
              created={created}
              onEdit={setEditing}
              onReplace={setReplacing}
            />
            {count ? (
              <Typography.Text type="secondary" style={{ paddingInline: 8 }}>
                {t('count', { count })}
              </Typography.Text>
            ) : null}
          </Flex>
        )}
      </Card>
      <CustomFieldDrawer
        entity={entity}
        target={editing}
        fields={fields.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(f) => editing === 'new' && setCreated(f.id)}
      />
      <ReplaceOptionModal entity={entity} field={replacing} onClose={() => setReplacing(null)} />
    </>
  );
}
