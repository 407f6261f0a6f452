import './texts.ts';
import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Red from 70, orange from 40: the levels the list and the 360 page colour a score by. */
export function riskLevel(score: number): 'high' | 'medium' | 'low' {
  return score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
}

const colours = { high: '#cf1322', medium: '#fa8c16', low: '#52c41a' } as const;

/** A churn risk score 0–100 as a coloured bar with its number. */
export function RiskBar({ score, width = 120 }: { score: number | null; width?: number }) {
  const { t } = useTranslation('churn');
  if (score == null) return <Typography.Text type="secondary">{t('risk.none')}</Typography.Text>;
  const level = riskLevel(score);
  return (
    <Progress
      percent={score}
      status="normal"
      size={[width, 8]}
      strokeColor={colours[level]}
      format={() => score}
      aria-label={`${t('risk.label', { score })} (${t(`risk.${level}`)})`}
      style={{ margin: 0, whiteSpace: 'nowrap' }}
    />
  );
}
