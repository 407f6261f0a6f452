import './texts.ts';
import { CheckCircleOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type Opportunity, type OpportunityPlanItem, opportunityLimits } from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import {
  useAddPlanItem,
  useDeleteOpportunity,
  useOpportunity,
  usePlan,
  useStageHistory,
  useUpdatePlanItem,
} from './api.ts';
import { OpportunityStatusTag, StalledBadge, targetName, yuan } from './labels.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (o: Opportunity) => void;
  onAssign: (o: Opportunity) => void;
  onWin: (o: Opportunity) => void;
  onLose: (o: Opportunity) => void;
};

/** 销售机会详情: the facts, 指派 and closing, the development plan and the stage history. */
export function OpportunityDetail({ id, onClose, onEdit, onAssign, onWin, onLose }: Props) {
  const { t } = useTranslation('opportunities');
  const isPhone = useIsPhone();
  const query = useOpportunity(id);
  const o = query.data;
  const remove = useDeleteOpportunity();

  const body = query.isError ? (
    isApiError(query.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    )
  ) : !o ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        {o.canAssign ? (
          <Button type={o.status === 'unassigned' ? 'primary' : 'default'} onClick={() => onAssign(o)}>
            {t('actions.assign')}
          </Button>
        ) : null}
        {o.customerId ? (
          <Link to={`/customers/${o.customerId}`}>
            <Button>{t('actions.openCustomer')}</Button>
          </Link>
        ) : null}
      </Flex>
      <Facts o={o} />
      <Plan o={o} onWin={onWin} onLose={onLose} />
      <History id={o.id} />
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={o ? o.title : t('detail.title')}
      size={isPhone ? '100%' : 620}
      destroyOnHidden
      extra={
        o ? (
          <Flex gap={8}>
            {o.canDelete ? (
              <ConfirmDeleteButton
                look="icon"
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: o.id, version: o.version }).then(onClose)}
                doneMessage={t('deleted')}
              />
            ) : null}
            {o.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(o)}>
                {t('actions.edit')}
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

function Facts({ o }: { o: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const isPhone = useIsPhone();
  return (
    <Descriptions column={isPhone ? 1 : 2} size="small" bordered title={t('detail.facts')}>
      <Descriptions.Item label={t('fields.status')}>
        <Flex gap={4} wrap>
          <OpportunityStatusTag status={o.status} />
          <StalledBadge o={o} />
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.stage')}>{o.stageName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.target')}>
        {targetName(o)}
        {o.customerId ? null : <Tag style={{ marginLeft: 4 }}>{t('kind.prospect')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.contact')}>{o.contactName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.expectedAmount')}>{yuan(o.expectedAmount)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.probability')}>{Number(o.probability)}%</Descriptions.Item>
      <Descriptions.Item label={t('fields.weightedAmount')}>{yuan(o.weightedAmount)}</Descriptions.Item>
      <Descriptions.Item label={t('fields.expectedCloseDate')}>{o.expectedCloseDate}</Descriptions.Item>
      <Descriptions.Item label={t('fields.product')}>{o.productName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.source')}>{o.sourceName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.owner')}>{o.ownerName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.department')}>{o.departmentName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.creator')}>{o.creatorName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.lastActivityAt')}>
        {formatDateTime(o.lastActivityAt)}
      </Descriptions.Item>
      {o.closedAt ? (
        <Descriptions.Item label={t('fields.closedAt')}>{formatDateTime(o.closedAt)}</Descriptions.Item>
      ) : null}
      {o.lostReasonName ? (
        <Descriptions.Item label={t('fields.lostReason')}>
          {o.lostReasonName}
          {o.lostNote ? ` · ${o.lostNote}` : ''}
        </Descriptions.Item>
      ) : null}
      {o.description ? (
        <Descriptions.Item label={t('fields.description')} span={isPhone ? 1 : 2}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{o.description}</Typography.Text>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** 客户开发计划: dated items, each result recorded; closing the plan closes the opportunity. */
function Plan({
  o,
  onWin,
  onLose,
}: {
  o: Opportunity;
  onWin: (o: Opportunity) => void;
  onLose: (o: Opportunity) => void;
}) {
  const { t } = useTranslation('opportunities');
  const plan = usePlan(o.id);
  const [adding, setAdding] = useState(false);
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Card
      size="small"
      title={t('plan.title')}
      role="region"
      aria-label={t('plan.title')}
      extra={
        o.canEdit && !adding ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('plan.add')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {adding ? <AddItem o={o} onDone={() => setAdding(false)} /> : null}
        {plan.isError ? (
          <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
        ) : plan.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : plan.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.empty')} />
        ) : (
          plan.data.map((item) => (
            <PlanItem key={item.id} o={o} item={item} overdue={!item.doneAt && item.dueDate < today} />
          ))
        )}
        {o.canClose ? (
          <Flex vertical gap={8} style={{ borderTop: '1px solid var(--ant-color-split)', paddingTop: 12 }}>
            <Typography.Text type="secondary">{t('plan.closeHint')}</Typography.Text>
            <Flex gap={8} wrap>
              <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} onClick={() => onWin(o)}>
                {t('actions.win')}
              </Button>
              <Button danger onClick={() => onLose(o)}>
                {t('actions.lose')}
              </Button>
            </Flex>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

function AddItem({ o, onDone }: { o: Opportunity; onDone: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const rules = useFormRules();
  const add = useAddPlanItem();
  const showError = useShowError();
  const [form] = Form.useForm<{ dueDate: Dayjs; content: string }>();
  return (
    <Form
      form={form}
      name="plan-item"
      layout="vertical"
      initialValues={{ dueDate: dayjs().add(1, 'day') }}
      onFinish={(v) =>
        void add
          .mutateAsync({ id: o.id, dueDate: v.dueDate.format('YYYY-MM-DD'), content: v.content.trim() })
          .then(onDone)
          .catch((e) => showError(e))
      }
    >
      <Flex gap={8} wrap align="flex-end">
        <Form.Item
          name="dueDate"
          label={t('plan.dueDate')}
          rules={[rules.required()]}
          style={{ marginBottom: 0 }}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('plan.content')}
          rules={[rules.required(), rules.maxLength(opportunityLimits.planContent)]}
          style={{ flex: '1 1 220px', marginBottom: 0 }}
        >
          <Input />
        </Form.Item>
        <Flex gap={8}>
          <Button onClick={onDone}>{tc('actions.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {tc('actions.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

function PlanItem({ o, item, overdue }: { o: Opportunity; item: OpportunityPlanItem; overdue: boolean }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdatePlanItem();
  const [result, setResult] = useState<string | null>(null);
  const save = () =>
    void update
      .mutateAsync({ id: o.id, itemId: item.id, version: item.version, result: result?.trim() || null })
      .then(() => {
        message.success(t('plan.saved'));
        setResult(null);
      })
      .catch((e) => showError(e));
  return (
    <Flex
      vertical
      gap={4}
      role="group"
      aria-label={`${item.dueDate} ${item.content}`}
      style={{ borderBottom: '1px solid var(--ant-color-split)', paddingBottom: 8 }}
    >
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{item.dueDate}</Typography.Text>
        <Typography.Text>{item.content}</Typography.Text>
        {item.doneAt ? (
          <Tag color="green">{t('plan.done')}</Tag>
        ) : overdue ? (
          <Tag color="red">{t('plan.overdue')}</Tag>
        ) : (
          <Tag>{t('plan.pending')}</Tag>
        )}
      </Flex>
      {item.result && result === null ? (
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {t('plan.result')}：{item.result}
          <Typography.Text type="secondary">
            {' '}
            · {item.doneByName} {formatDateTime(item.doneAt)}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {result !== null ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            aria-label={t('plan.result')}
            rows={2}
            maxLength={opportunityLimits.planResult}
            value={result}
            onChange={(e) => setResult(e.target.value)}
          />
          <Flex gap={8}>
            <Button size="small" onClick={() => setResult(null)}>
              {tc('actions.cancel')}
            </Button>
            <Button size="small" type="primary" loading={update.isPending} onClick={save}>
              {tc('actions.save')}
            </Button>
          </Flex>
        </Flex>
      ) : o.canEdit ? (
        <Flex>
          <Button
            size="small"
            type="link"
            style={{ padding: 0 }}
            onClick={() => setResult(item.result ?? '')}
          >
            {item.result ? t('plan.edit') : t('plan.record')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation('opportunities');
  const history = useStageHistory(id);
  return (
    <Card size="small" title={t('history.title')} role="region" aria-label={t('history.title')}>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : history.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
      ) : (
        <Timeline
          items={history.data.map((h) => ({
            key: h.id,
            color: h.kind === 'won' ? 'green' : h.kind === 'lost' ? 'gray' : 'blue',
            content: (
              <Flex vertical>
                <Typography.Text>
                  {h.kind === 'created'
                    ? t('history.created', { stage: h.toStageName ?? '' })
                    : h.kind === 'stage'
                      ? t('history.stage', { from: h.fromStageName ?? '', to: h.toStageName ?? '' })
                      : t(`history.${h.kind}`)}
                  {h.probability !== null && h.kind === 'stage' ? ` · ${Number(h.probability)}%` : ''}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {formatDateTime(h.at)} · {h.userName ?? ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
