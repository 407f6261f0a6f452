import './texts.ts';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { type ApiToken, apiTokenLimits } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { QueryError } from '../../components/query-error.tsx';
import { copyText } from '../../lib/copy-text.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { type CreatedApiToken, useApiTokens, useCreateApiToken, useRevokeApiToken } from './api.ts';

type CreateValues = { name: string; expiresInDays?: number | null };

/** Personal API tokens: list, create (the secret is shown once), revoke. */
export function ApiTokensCard() {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const rules = useFormRules();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const copy = async () => {
    if (!created) return;
    if (await copyText(created.token)) message.success(t('tokens.copied'));
    else message.error(t('tokens.copyFailed'));
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('tokens.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreateOpen(true)}>
          {t('tokens.create')}
        </Button>
      </Flex>
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          size="small"
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} />,
          }}
          columns={[
            {
              key: 'name',
              title: t('tokens.name'),
              render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text>,
            },
            {
              key: 'prefix',
              title: t('tokens.prefix'),
              render: (_, r) => <Typography.Text code>{`${r.prefix}…`}</Typography.Text>,
            },
            { key: 'createdAt', title: t('tokens.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
            {
              key: 'lastUsedAt',
              title: t('tokens.lastUsedAt'),
              render: (_, r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt) : t('tokens.never')),
            },
            {
              key: 'expiresAt',
              title: t('tokens.expiresAt'),
              render: (_, r) => (r.expiresAt ? formatDateTime(r.expiresAt) : t('tokens.noExpiry')),
            },
            {
              key: 'actions',
              title: tc('columns.actions'),
              render: (_, r) => (
                <ConfirmDeleteButton
                  look="link"
                  icon={null}
                  label={t('tokens.revoke')}
                  title={t('tokens.revokeTitle')}
                  description={t('tokens.revokeConfirm', { name: r.name })}
                  ariaLabel={t('tokens.revokeNamed', { name: r.name })}
                  onConfirm={() => revoke.mutateAsync(r.id)}
                  doneMessage={t('tokens.revoked')}
                />
              ),
            },
          ]}
        />
      )}
      <FormModal<CreateValues>
        open={createOpen}
        title={t('tokens.createTitle')}
        okText={tc('actions.create')}
        name="api-token"
        width={480}
        onCancel={() => setCreateOpen(false)}
        onSubmit={async (v) => {
          const token = await create.mutateAsync({
            name: v.name.trim(),
            expiresInDays: v.expiresInDays ?? undefined,
          });
          setCreateOpen(false);
          // what was made: the secret, shown once
          setCreated(token);
        }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[rules.required(), rules.maxLength(apiTokenLimits.name)]}
        >
          <Input maxLength={apiTokenLimits.name} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHelp')}>
          <InputNumber
            min={apiTokenLimits.expiresInDays.min}
            max={apiTokenLimits.expiresInDays.max}
            precision={0}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </FormModal>
      <Modal
        open={!!created}
        title={t('tokens.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        width={isPhone ? '100%' : 560}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('tokens.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.onceWarning')} style={{ margin: '12px 0 16px' }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={created?.token ?? ''}
            aria-label={t('tokens.token')}
            onFocus={(e) => e.target.select()}
          />
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
            {t('tokens.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </Flex>
  );
}
