import './texts.ts';
import type { MarketingPlan } from '@guanxi/contract';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApprovalHistory } from '../approvals/approval-history.tsx';
import { DOCUMENT_TYPE } from './api.ts';
import { Section } from './labels.tsx';

/**
 * The plan's approval (a plan with expenses goes through the approval engine): every submission
 * with its steps, decisions and comments, and a link to act on it in 审批中心.
 */
export function ApprovalSection({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  return (
    <Section title={t('detail.approval')}>
      <Flex vertical gap={8}>
        <ApprovalHistory documentType={DOCUMENT_TYPE} documentId={plan.id} />
        {plan.approvalId ? (
          <Link to={`/approvals?id=${plan.approvalId}`}>{t('detail.approvalOpen')}</Link>
        ) : null}
      </Flex>
    </Section>
  );
}
