import './texts.ts';
import type { ApprovalDocumentType } from '@guanxi/contract';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApprovalHistory } from './api.ts';
import { ApprovalEvents, ApprovalStatusTag, ApprovalSteps } from './labels.tsx';

/**
 * 审批记录 of a document (for its detail page): every submission, newest first, with its steps,
 * the people's decisions and comments. Shows nothing alarming when the document has none.
 */
export function ApprovalHistory({
  documentType,
  documentId,
}: {
  documentType: ApprovalDocumentType;
  documentId: string;
}) {
  const { t } = useTranslation('approvals');
  const history = useApprovalHistory(documentType, documentId);
  if (history.isError)
    return isApiError(history.error, 'NOT_FOUND') ? (
      <Empty description={t('history.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
    ) : (
      <QueryError error={history.error} onRetry={() => void history.refetch()} />
    );
  if (!history.data) return <Skeleton active />;
  if (history.data.length === 0)
    return <Empty description={t('history.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const count = history.data.length;
  return (
    <Flex vertical gap={12} aria-label={t('history.title')}>
      {history.data.map((a, i) => (
        <Card
          key={a.id}
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <span>{t('history.round', { n: count - i })}</span>
              <ApprovalStatusTag status={a.status} />
              <Typography.Text type="secondary">{formatDateTime(a.createdAt)}</Typography.Text>
            </Flex>
          }
        >
          <ApprovalSteps approval={a} />
          <ApprovalEvents approval={a} />
        </Card>
      ))}
    </Flex>
  );
}
