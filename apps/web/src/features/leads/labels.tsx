import './texts.ts';
import type { LeadStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<LeadStatus, string> = {
  new: 'default',
  assigned: 'blue',
  following: 'processing',
  qualified: 'cyan',
  converted: 'success',
  disqualified: 'error',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation('leads');
  return <Tag color={colors[status]}>{t(`status.${status}`)}</Tag>;
}
