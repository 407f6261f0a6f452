import './texts.ts';
import { LockOutlined, SendOutlined } from '@ant-design/icons';
import {
  type MarketingPlan,
  MONEY_PATTERN,
  type PlanFeedbackInput,
  type PlanGoalKind,
  planLimits,
} from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Progress,
  Row,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney, normaliseMoney } from '../customers/money.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import { useSaveFeedback, useSubmitFeedback } from './api.ts';
import { formatGoal, formatPercent } from './labels.tsx';

type Values = {
  results?: { kind?: PlanGoalKind; actual?: string }[];
  actualExpenses?: string;
  notes?: string;
};

const isMoney = (v: string) => MONEY_PATTERN.test(v) && !v.startsWith('-');

/**
 * 执行反馈: the executor's form while the feedback is open (results per goal, actual expenses,
 * notes, attachments; 保存 keeps a draft, 提交 locks it), read-only with attainment after.
 */
export function FeedbackSection({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  if (plan.reviewStatus !== 'approved')
    return <Typography.Text type="secondary">{t('detail.notApprovedYet')}</Typography.Text>;
  if (plan.canFeedback) return <FeedbackForm plan={plan} />;
  if (plan.feedbackStatus !== 'submitted')
    return <Typography.Text type="secondary">{t('detail.noFeedback')}</Typography.Text>;
  return <FeedbackView plan={plan} />;
}

function FeedbackForm({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form);
  const save = useSaveFeedback();
  const lock = useSubmitFeedback();

  // prefilled with the plan's goal kinds and what was saved before
  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the plan changes (a new version)
  useEffect(() => {
    const actual = new Map(plan.results.map((r) => [r.kind, r.actual]));
    form.setFieldsValue({
      results: plan.goals.map((g) => ({ kind: g.kind, actual: actual.get(g.kind) ?? undefined })),
      actualExpenses: plan.actualExpenses ?? undefined,
      notes: plan.feedbackNotes ?? undefined,
    });
  }, [plan.id, plan.version]);

  const input = (v: Values): PlanFeedbackInput => ({
    // the form holds the actuals in the order of the plan's goals (the kinds are not fields)
    results: plan.goals.flatMap((g, i) => {
      const actual = v.results?.[i]?.actual?.trim();
      if (!actual) return [];
      return [{ kind: g.kind, actual: g.kind === 'amount' ? normaliseMoney(actual)! : Number(actual) }];
    }),
    actualExpenses: normaliseMoney(v.actualExpenses),
    notes: v.notes?.trim() || null,
    version: plan.version,
  });

  const onSave = async (v: Values) => {
    await save.mutateAsync({ id: plan.id, ...input(v) });
    message.success(t('feedback.saved'));
  };
  // 提交 saves what the form holds first, then locks it (the server locks only a saved feedback)
  const onSubmit = async (v: Values) => {
    const saved = await save.mutateAsync({ id: plan.id, ...input(v) });
    await lock.mutateAsync({ id: plan.id, version: saved.version });
    message.success(t('feedback.submitted'));
  };

  const money = (value: string | undefined) =>
    !value || isMoney(normaliseMoney(value) ?? '')
      ? Promise.resolve()
      : Promise.reject(new Error(t('expenses.money')));

  return (
    <Flex vertical gap={12}>
      <Form<Values> form={form} name="plan-feedback" layout="vertical">
        <Form.List name="results">
          {(fields) =>
            fields.map((field) => {
              const goal = plan.goals[field.name];
              if (!goal) return null;
              const label = `${t(`goalKinds.${goal.kind}`)}（${t('feedback.target')} ${formatGoal(goal.kind, goal.target)}）`;
              return (
                <Form.Item
                  key={field.key}
                  name={[field.name, 'actual']}
                  label={label}
                  rules={[
                    {
                      validator: (_, value: string | undefined) => {
                        if (!value?.trim()) return Promise.resolve();
                        if (goal.kind === 'amount') return money(value);
                        const n = Number(value);
                        return Number.isInteger(n) && n >= 0 && n <= planLimits.count
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('goals.count')));
                      },
                    },
                  ]}
                >
                  <Input
                    inputMode={goal.kind === 'amount' ? 'decimal' : 'numeric'}
                    prefix={goal.kind === 'amount' ? '¥' : undefined}
                    placeholder={t('feedback.actual')}
                  />
                </Form.Item>
              );
            })
          }
        </Form.List>
        {plan.goals.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('feedback.noGoals')}</Typography.Paragraph>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="actualExpenses"
              label={t('feedback.actualExpenses')}
              extra={`${t('fields.budget')} ¥${formatMoney(plan.budget)}`}
              rules={[{ validator: (_, v: string | undefined) => money(v) }]}
            >
              <Input inputMode="decimal" prefix="¥" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('feedback.notes')} rules={[rules.maxLength(planLimits.notes)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={planLimits.notes} showCount />
        </Form.Item>
      </Form>
      <section aria-label={t('detail.attachments')}>
        <Typography.Text strong>{t('detail.attachments')}</Typography.Text>
        <AttachmentsPanel entity="marketing-plans" entityId={plan.id} canChange />
      </section>
      <Flex gap={8} justify="flex-end" wrap>
        <Button
          loading={saving === 'save'}
          disabled={saving !== null && saving !== 'save'}
          onClick={() => void submit('save', onSave)}
        >
          {t('feedback.save')}
        </Button>
        <Popconfirm
          title={t('feedback.submitConfirm')}
          okText={t('feedback.submit')}
          onConfirm={() => submit('submit', onSubmit)}
        >
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            loading={saving === 'submit'}
            disabled={saving !== null && saving !== 'submit'}
          >
            {t('feedback.submit')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}

/** The submitted feedback: each goal's actual against its target with its attainment. */
function FeedbackView({ plan }: { plan: MarketingPlan }) {
  const { t } = useTranslation('marketingPlans');
  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        icon={<LockOutlined aria-hidden />}
        title={t('feedback.locked', { at: formatDateTime(plan.feedbackSubmittedAt) })}
      />
      <ul aria-label={t('fields.goals')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {plan.results.map((r) => (
          <li key={r.kind} style={{ marginBottom: 8 }}>
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text>{t(`goalKinds.${r.kind}`)}</Typography.Text>
              <Typography.Text type="secondary">
                {formatGoal(r.kind, r.actual)} / {formatGoal(r.kind, r.target)}
              </Typography.Text>
            </Flex>
            <Progress
              percent={Math.min(r.attainment ?? 0, 100)}
              success={{ percent: r.attainment !== null && r.attainment >= 100 ? 100 : 0 }}
              format={() => formatPercent(r.attainment)}
              aria-label={t('feedback.attainment', { value: r.attainment ?? 0 })}
            />
          </li>
        ))}
      </ul>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'attainment',
            label: t('fields.attainment'),
            children: formatPercent(plan.attainment),
          },
          {
            key: 'expenses',
            label: t('summary.budgetVsActual'),
            children: `¥${formatMoney(plan.budget)} / ${plan.actualExpenses ? `¥${formatMoney(plan.actualExpenses)}` : '—'}`,
          },
          ...(plan.feedbackNotes
            ? [
                {
                  key: 'notes',
                  label: t('feedback.notes'),
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{plan.feedbackNotes}</span>,
                },
              ]
            : []),
        ]}
      />
      <section aria-label={t('detail.attachments')}>
        <Typography.Text strong>{t('detail.attachments')}</Typography.Text>
        <AttachmentsPanel entity="marketing-plans" entityId={plan.id} canChange={false} />
      </section>
    </Flex>
  );
}
