import './texts.ts';
import type { MarketingPlan } from '@guanxi/contract';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from './labels.tsx';

/**
 * The plan's approval (a plan with expenses goes through the approval engine): its history with
 * every decision and comment. The place for `<ApprovalHistory documentType="marketing-plan" />`.
 */
export function ApprovalSection({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  return (
    <Section title={t('detail.approval')}>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t('detail.approvalPending')}</Typography.Text>
        {plan.approvalId ? (
          <Link to={`/approvals?id=${plan.approvalId}`}>{t('detail.approvalOpen')}</Link>
        ) : null}
      </Flex>
    </Section>
  );
}
