import './texts.ts';
import type { CustomerState } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { customerStateLabel } from './labels.ts';

const colors: Record<CustomerState, string> = { draft: 'default', active: 'green', pool: 'orange' };

/** 已失效 next to the name of an invalidated customer (nothing for a valid one). */
export function InvalidTag({ customer }: { customer: { valid: boolean } }) {
  const { t } = useTranslation('customers');
  return customer.valid ? null : (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('invalid.tag')}
    </Tag>
  );
}

/** 草稿 / 正常 / 公海 as a coloured tag. */
export function CustomerStateTag({ state }: { state: CustomerState }) {
  const { t } = useTranslation('customers');
  return (
    <Tag color={colors[state]} style={{ marginInlineEnd: 0 }}>
      {customerStateLabel(t, state)}
    </Tag>
  );
}
