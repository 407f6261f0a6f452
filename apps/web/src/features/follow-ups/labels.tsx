import './texts.ts';
import type { FollowUpAttitude } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const attitudeColors: Record<FollowUpAttitude, string> = {
  positive: 'green',
  neutral: 'default',
  negative: 'red',
};

/** 客户态度 as a coloured tag. */
export function AttitudeTag({ attitude }: { attitude: FollowUpAttitude }) {
  const { t } = useTranslation('followUps');
  return <Tag color={attitudeColors[attitude]}>{t(`attitudes.${attitude}`)}</Tag>;
}
