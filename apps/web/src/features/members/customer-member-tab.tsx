import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Button, Descriptions, Empty, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../lib/access.ts';
import { useCustomerMember } from './api.ts';
import { LevelTag, MemberStatusTag } from './labels.tsx';
import { MemberFormModal } from './member-form-modal.tsx';

/** 会员 of the customer 360: the customer's membership at a glance, or 设为会员 when it has none. */
export function CustomerMemberTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('members');
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const { data: m, isPending } = useCustomerMember(customer.id);
  if (isPending) return <Skeleton active />;
  if (!m)
    return (
      <Empty description={t('notMember')}>
        {can('members:create') && customer.state === 'active' ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('makeMember')}
          </Button>
        ) : null}
        <MemberFormModal
          open={creating}
          onClose={() => setCreating(false)}
          customer={{ id: customer.id, name: customer.name, number: customer.number }}
        />
      </Empty>
    );
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        {
          key: 'number',
          label: t('fields.number'),
          children: <Link to={`/members/${m.id}`}>{m.number}</Link>,
        },
        { key: 'level', label: t('fields.level'), children: <LevelTag name={m.levelName} /> },
        { key: 'status', label: t('fields.status'), children: <MemberStatusTag status={m.status} /> },
        { key: 'points', label: t('fields.points'), children: m.points },
        {
          key: 'lifetime',
          label: t('fields.lifetime'),
          children: `${m.lifetimePoints} / ¥${m.lifetimeSpend}`,
        },
        { key: 'joinedAt', label: t('fields.joinedAt'), children: m.joinedAt },
        { key: 'contact', label: t('fields.contact'), children: m.contactName ?? '—' },
      ]}
    />
  );
}
