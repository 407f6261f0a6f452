import './texts.ts';
import '../check-ins/texts.ts';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { type MarketingPlan, planLimits } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { CheckInPhotoView, formatArea } from '../check-ins/labels.tsx';
import { formatMoney } from '../customers/money.ts';
import { useDeletePlan, usePlan, usePlanCheckIns, useReviewPlan } from './api.ts';
import { ApprovalSection } from './approval-section.tsx';
import { FeedbackSection } from './feedback-section.tsx';
import { ExecutionTag, formatGoal, ReviewStatusTag, Section, useSubTypeName } from './labels.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (plan: MarketingPlan) => void;
};

/** 计划详情: overview, goals and expenses, the review (or the approval's history), 活动签到, 执行反馈. */
export function PlanDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('marketingPlans');
  const isPhone = useIsPhone();
  const plan = usePlan(id);
  const p = plan.data;
  const remove = useDeletePlan();

  const body = plan.isError ? (
    isApiError(plan.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
    )
  ) : !p ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={20}>
      {p.canReview ? (
        // in the body, not the header: the header of a phone has no room beside the title
        <Alert
          type="warning"
          showIcon
          title={t('review.waiting')}
          action={
            <Flex gap={8} wrap justify="flex-end">
              <ReviewActions plan={p} />
            </Flex>
          }
        />
      ) : null}
      <Overview p={p} />
      {p.approvalId ? <ApprovalSection plan={p} /> : null}
      <Section title={t('detail.checkIns')}>
        <PlanCheckIns plan={p} />
      </Section>
      <Section title={t('detail.feedback')}>
        <FeedbackSection plan={p} />
      </Section>
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={p ? `${p.number} · ${p.title}` : t('detail.title')}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      extra={
        p ? (
          <Flex gap={8} wrap justify="flex-end">
            {p.canDelete ? (
              <ConfirmDeleteButton
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: p.id, version: p.version }).then(onClose)}
                doneMessage={t('deleted')}
              />
            ) : null}
            {p.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(p)}>
                {t('actions.edit', { ns: 'common' })}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function Overview({ p }: { p: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  const can = useCan();
  const subTypeName = useSubTypeName();
  return (
    <Flex vertical gap={12}>
      <Flex gap={4} wrap>
        <ReviewStatusTag status={p.reviewStatus} />
        <ExecutionTag execution={p.execution} />
        <Tag>{t(`feedbackStatuses.${p.feedbackStatus}`)}</Tag>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'type', label: t('fields.type'), children: `${t(`types.${p.type}`)} / ${subTypeName(p)}` },
          { key: 'dates', label: t('fields.dates'), children: `${p.startDate} ~ ${p.endDate}` },
          { key: 'owner', label: t('fields.owner'), children: p.ownerName },
          { key: 'department', label: t('fields.department'), children: p.departmentName },
          ...(p.regionName ? [{ key: 'region', label: t('fields.region'), children: p.regionName }] : []),
          { key: 'budget', label: t('fields.budget'), children: `¥${formatMoney(p.budget)}` },
          ...(p.customers.length
            ? [
                {
                  key: 'customers',
                  label: t('fields.customers'),
                  span: 'filled' as const,
                  children: (
                    <Flex gap={4} wrap>
                      {p.customers.map((c) =>
                        can('customers:view') ? (
                          <Link key={c.id} to={`/customers/${c.id}`}>
                            <Tag>{c.name}</Tag>
                          </Link>
                        ) : (
                          <Tag key={c.id}>{c.name}</Tag>
                        ),
                      )}
                    </Flex>
                  ),
                },
              ]
            : []),
          ...(p.reviewedByName
            ? [
                {
                  key: 'reviewed',
                  label: t('fields.reviewedBy'),
                  span: 'filled' as const,
                  children: (
                    <span>
                      {t('detail.reviewed', { name: p.reviewedByName, at: formatDateTime(p.reviewedAt) })}
                      {p.reviewComment ? `：${p.reviewComment}` : ''}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="kind"
        aria-label={t('fields.goals')}
        dataSource={p.goals}
        locale={{ emptyText: t('feedback.noGoals') }}
        columns={[
          { key: 'kind', title: t('goals.kind'), render: (_, g) => t(`goalKinds.${g.kind}`) },
          {
            key: 'target',
            title: t('goals.target'),
            align: 'right',
            render: (_, g) => formatGoal(g.kind, g.target),
          },
        ]}
      />
      {p.expenses.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          aria-label={t('fields.expenses')}
          dataSource={p.expenses}
          columns={[
            { key: 'item', title: t('expenses.item'), render: (_, e) => e.item },
            {
              key: 'amount',
              title: t('expenses.amount'),
              align: 'right',
              render: (_, e) => formatMoney(e.amount),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('fields.budget')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Typography.Text strong>{formatMoney(p.budget)}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : null}
    </Flex>
  );
}

/** 通过 (after a confirmation) or 驳回 (with the comment it needs), on a plan waiting in 未审核. */
function ReviewActions({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useFormRules();
  const review = useReviewPlan();
  const [rejecting, setRejecting] = useState(false);
  return (
    <>
      <Popconfirm
        title={t('review.approveConfirm')}
        okText={t('review.approve')}
        onConfirm={async () => {
          try {
            await review.mutateAsync({ id: plan.id, decision: 'approve', version: plan.version });
            message.success(t('review.approved'));
          } catch (e) {
            showError(e);
          }
        }}
      >
        <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={review.isPending}>
          {t('review.approve')}
        </Button>
      </Popconfirm>
      <Button danger icon={<CloseOutlined aria-hidden />} onClick={() => setRejecting(true)}>
        {t('review.reject')}
      </Button>
      <FormModal<{ comment: string }>
        open={rejecting}
        title={t('review.rejectTitle')}
        name="plan-reject"
        okText={t('review.reject')}
        danger
        onCancel={() => setRejecting(false)}
        onSubmit={async (v) => {
          await review.mutateAsync({
            id: plan.id,
            decision: 'reject',
            comment: v.comment.trim(),
            version: plan.version,
          });
          message.success(t('review.rejected'));
          setRejecting(false);
        }}
      >
        <Form.Item
          name="comment"
          label={t('review.comment')}
          rules={[rules.required(t('review.commentRequired')), rules.maxLength(planLimits.comment)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={planLimits.comment} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** The plan's 活动签到: photo, when, where, who (the latest 50). */
function PlanCheckIns({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  const { t: tc } = useTranslation('checkIns');
  const can = useCan();
  const checkIns = usePlanCheckIns(plan.id, can('check-ins:view') && plan.checkInCount > 0);
  if (plan.checkInCount === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noCheckIns')} />;
  if (!can('check-ins:view')) return <Typography.Text>{plan.checkInCount}</Typography.Text>;
  if (checkIns.isError) return <QueryError error={checkIns.error} onRetry={() => void checkIns.refetch()} />;
  if (!checkIns.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const items = checkIns.data.data;
  return (
    <>
      <List
        size="small"
        aria-label={t('detail.checkIns')}
        dataSource={items}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              avatar={<CheckInPhotoView photo={c.photo} size="thumbnail" alt={tc('photoAlt')} />}
              title={`${formatDateTimeSeconds(c.capturedAt)} · ${c.userName}`}
              description={[formatArea(c.area), c.customerName, c.note].filter(Boolean).join(' · ') || '—'}
            />
          </List.Item>
        )}
      />
      {plan.checkInCount > items.length ? (
        <Typography.Text type="secondary">
          {t('detail.checkInsMore', { count: plan.checkInCount, shown: items.length })}
        </Typography.Text>
      ) : null}
    </>
  );
}
