import type { User } from '@guanxi/contract';
import { Alert, App, Checkbox, Form, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { usePools } from '../pools/api.ts';
import { useDeparture, useOwnedCustomers } from './api.ts';
import { UserSelect } from './user-select.tsx';

type Values = {
  target: 'user' | 'pool';
  toUserId?: string;
  toPoolId?: string;
  onlyChosen?: boolean;
  customerIds?: string[];
};

/** 离职交接: hands the user's active customers (all or chosen) to a colleague or a pool, then sets them 离职. */
export function DepartureModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const departure = useDeparture();
  const customers = useOwnedCustomers(user?.id);
  const pools = usePools(!!user && can('pools:view'));
  const target = Form.useWatch('target', form);
  const onlyChosen = Form.useWatch('onlyChosen', form);

  const submit = async (v: Values) => {
    if (!user) return;
    const r = await departure.mutateAsync({
      id: user.id,
      ...(v.target === 'user' ? { toUserId: v.toUserId } : { toPoolId: v.toPoolId }),
      ...(v.onlyChosen ? { customerIds: v.customerIds ?? [] } : {}),
    });
    message.success(t('departure.done', { name: user.name, count: r.transferred.customers ?? 0 }));
    onClose();
  };

  const required = [rules.required()];
  const total = customers.data?.total;

  return (
    <FormModal<Values>
      open={!!user}
      title={t('departure.title', { name: user?.name ?? '' })}
      okText={t('departure.submit')}
      danger
      name="departure"
      form={form}
      width={560}
      initialValues={{ target: 'user' }}
      onCancel={onClose}
      onSubmit={submit}
      intro={
        <>
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {customers.isPending
              ? t('departure.counting')
              : customers.isError
                ? t('departure.countFailed')
                : t('departure.owns', { name: user?.name ?? '', count: total ?? 0 })}
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            title={t('departure.warning', { name: user?.name ?? '' })}
            style={{ marginBottom: 16 }}
          />
        </>
      }
    >
      <Form.Item name="target" label={t('departure.target')} rules={required}>
        <Radio.Group
          options={[
            { value: 'user', label: t('departure.toUser') },
            { value: 'pool', label: t('departure.toPool'), disabled: !can('pools:view') },
          ]}
        />
      </Form.Item>
      {target === 'pool' ? (
        <Form.Item name="toPoolId" label={t('departure.pool')} rules={required}>
          <Select
            placeholder={t('departure.poolPlaceholder')}
            loading={pools.isPending}
            options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="toUserId" label={t('departure.colleague')} rules={required}>
          <UserSelect excludeIds={user ? [user.id] : []} />
        </Form.Item>
      )}
      <Form.Item name="onlyChosen" valuePropName="checked" style={{ marginBottom: onlyChosen ? 8 : 16 }}>
        <Checkbox disabled={!total}>{t('departure.onlyChosen')}</Checkbox>
      </Form.Item>
      {onlyChosen ? (
        <Form.Item
          name="customerIds"
          label={t('departure.customers')}
          rules={[{ required: true, type: 'array', min: 1, message: tc('validation.required') }]}
          extra={total && total > 100 ? t('departure.first100', { count: total }) : undefined}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder={t('departure.customersPlaceholder')}
            optionFilterProp="label"
            maxTagCount="responsive"
            options={(customers.data?.data ?? []).map((c) => ({
              value: c.id,
              label: c.number ? `${c.name} (${c.number})` : c.name,
            }))}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
