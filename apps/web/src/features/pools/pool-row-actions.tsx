import './texts.ts';
import { UserAddOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { Customer } from '@guanxi/contract';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/access.ts';
import { AssignDialog } from './assign-dialog.tsx';
import { useClaim } from './use-claim.ts';

/** 领取 / 分配 on a row of pool customers, by permission. */
export function PoolRowActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation('pools');
  const can = useCan();
  const { claim, claiming } = useClaim();
  const [assigning, setAssigning] = useState(false);
  return (
    <Space size={0}>
      {can('pools:claim') ? (
        <Button
          type="link"
          size="small"
          icon={<UserAddOutlined aria-hidden />}
          aria-label={t('actions.claimNamed', { name: customer.name })}
          loading={claiming === customer.id}
          onClick={() => claim(customer)}
        >
          {t('actions.claim')}
        </Button>
      ) : null}
      {can('customers:assign') ? (
        <Button
          type="link"
          size="small"
          icon={<UserSwitchOutlined aria-hidden />}
          aria-label={t('actions.assignNamed', { name: customer.name })}
          onClick={() => setAssigning(true)}
        >
          {t('actions.assign')}
        </Button>
      ) : null}
      <AssignDialog customer={assigning ? customer : null} onClose={() => setAssigning(false)} />
    </Space>
  );
}
