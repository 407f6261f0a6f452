import './texts.ts';
import type { WorkReportStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function StatusTag({ status }: { status: WorkReportStatus }) {
  const { t } = useTranslation('workReports');
  return <Tag color={status === 'submitted' ? 'green' : 'default'}>{t(`status.${status}`)}</Tag>;
}
