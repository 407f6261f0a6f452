import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreateMarketingPlan,
  type MarketingPlan,
  MONEY_PATTERN,
  type PlanGoalKind,
  type PlanType,
  planGoalKinds,
  planLimits,
  planTypes,
  sumMoney,
  type UpdateMarketingPlan,
} from '@guanxi/contract';
import { App, Button, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { formatMoney, normaliseMoney } from '../customers/money.ts';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { useCreatePlan, useUpdatePlan } from './api.ts';
import { SubTypeSelect } from './labels.tsx';

type Props = {
  /** `new`, a plan to edit, or null when closed. */
  target: 'new' | MarketingPlan | null;
  onClose: () => void;
  onSaved?: (plan: MarketingPlan) => void;
};

type Values = {
  type: PlanType;
  subType?: string;
  title?: string;
  dates?: [Dayjs, Dayjs];
  /** The region item's id (the API takes its code). */
  regionCode?: string | null;
  customerIds?: string[];
  goals?: { kind?: PlanGoalKind; target?: string }[];
  expenses?: { item?: string; amount?: string }[];
  ownerId?: string;
};

const half = { xs: 24, sm: 12 };
const isMoney = (v: string | undefined) => !!v && MONEY_PATTERN.test(v.trim()) && !v.trim().startsWith('-');

/** 新建 / 编辑营销计划: type → sub-type, dates, region, target customers, goals, expense lines with an exact total. */
export function PlanDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('marketingPlans');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const can = useCan();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const regions = useDictionaryItems('region');
  const editing = target && target !== 'new' ? target : undefined;
  const type = Form.useWatch('type', form);
  const goals = Form.useWatch('goals', form);
  const expenses = Form.useWatch('expenses', form);
  const total = sumMoney(
    (expenses ?? []).map((e) => normaliseMoney(e?.amount) ?? '').filter((v) => isMoney(v)),
  );

  // the plan's customers by name, for the ones the search has not shown
  const customerNames = useMemo(
    () => new Map((editing?.customers ?? []).map((c) => [c.id, c.name])),
    [editing],
  );
  const regionIdOf = (code: string | null) =>
    code ? (regions.data?.find((r) => r.code === code)?.id ?? null) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the target changes (and the regions arrive)
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        type: editing.type,
        subType: editing.subType,
        title: editing.title,
        dates: [dayjs(editing.startDate), dayjs(editing.endDate)],
        regionCode: regionIdOf(editing.regionCode),
        customerIds: editing.customerIds,
        goals: editing.goals.map((g) => ({ kind: g.kind, target: g.target })),
        expenses: editing.expenses.map((e) => ({ item: e.item, amount: e.amount })),
        ownerId: editing.ownerId,
      });
    else
      form.setFieldsValue({ type: 'visit', goals: [{ kind: 'visits' }], expenses: [], ownerId: me.user.id });
  }, [target, regions.data]);

  const submit = async (v: Values) => {
    const regionCode = v.regionCode ? (regions.data?.find((r) => r.id === v.regionCode)?.code ?? null) : null;
    const fields = {
      type: v.type,
      subType: v.subType!,
      title: v.title!.trim(),
      startDate: v.dates![0].format('YYYY-MM-DD'),
      endDate: v.dates![1].format('YYYY-MM-DD'),
      regionCode,
      customerIds: v.customerIds ?? [],
      goals: (v.goals ?? [])
        .filter((g) => g.kind && g.target?.trim())
        .map((g) => ({
          kind: g.kind!,
          target: g.kind === 'amount' ? normaliseMoney(g.target)! : Number(g.target),
        })),
      expenses: (v.expenses ?? [])
        .filter((e) => e.item?.trim() || e.amount?.trim())
        .map((e) => ({ item: e.item!.trim(), amount: normaliseMoney(e.amount)! })),
      ownerId: v.ownerId,
    };
    try {
      let saved: MarketingPlan;
      if (editing) {
        const input: UpdateMarketingPlan = { version: editing.version, ...fields };
        saved = await update.mutateAsync({ id: editing.id, ...input });
        message.success(tc('status.saved'));
      } else {
        const input: CreateMarketingPlan = fields;
        saved = await create.mutateAsync(input);
        message.success(saved.reviewStatus === 'in-approval' ? t('createdInApproval') : t('created'));
      }
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('conflict'));
      onClose();
    }
  };

  const usedKinds = new Set((goals ?? []).map((g) => g?.kind).filter(Boolean));

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? `${t('editTitle')} · ${editing.number}` : t('createTitle')}
      width={720}
      name="marketing-plan-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="type" label={t('fields.type')} rules={[rules.required()]}>
            <Radio.Group
              optionType="button"
              onChange={() => form.setFieldValue('subType', undefined)}
              options={planTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="subType" label={t('fields.subType')} rules={[rules.required()]}>
            <SubTypeSelect type={type} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('fields.title')}
            rules={[rules.required(), rules.maxLength(planLimits.title)]}
          >
            <Input maxLength={planLimits.title} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="dates" label={t('fields.dates')} rules={[rules.required()]}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              disabledDate={(d, info) => !!info.from && Math.abs(d.diff(info.from, 'day')) >= planLimits.days}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="regionCode" label={t('fields.region')}>
            <DictionarySelect type="region" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={t('fields.owner')} rules={[rules.required()]}>
            {can('users:view') ? (
              <UserSelect
                allowClear={false}
                currentLabel={
                  editing?.ownerId === form.getFieldValue('ownerId') ? editing?.ownerName : me.user.name
                }
              />
            ) : (
              <Select
                disabled
                options={[
                  { value: editing?.ownerId ?? me.user.id, label: editing?.ownerName ?? me.user.name },
                ]}
              />
            )}
          </Form.Item>
        </Col>
        {can('customers:view') ? (
          <Col {...half}>
            <Form.Item name="customerIds" label={t('fields.customers')}>
              <CustomerSelect
                mode="multiple"
                maxCount={planLimits.customers}
                labelRender={(o) => o.label ?? customerNames.get(String(o.value)) ?? String(o.value)}
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      <Typography.Title level={5}>{t('fields.goals')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('goals.hint')}</Typography.Paragraph>
      <Form.List name="goals">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, index) => {
              const kind = goals?.[field.name]?.kind;
              return (
                <Row key={field.key} gutter={8} align="top" aria-label={`${t('goals.kind')} ${index + 1}`}>
                  <Col flex="180px">
                    <Form.Item name={[field.name, 'kind']} rules={[rules.required()]}>
                      <Select
                        aria-label={t('goals.kind')}
                        options={planGoalKinds.map((k) => ({
                          value: k,
                          label: t(`goalKinds.${k}`),
                          disabled: k !== kind && usedKinds.has(k),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'target']}
                      rules={[
                        rules.required(),
                        {
                          validator: (_, value: string | undefined) => {
                            const text = normaliseMoney(value) ?? '';
                            if (!text) return Promise.resolve();
                            if (kind === 'amount')
                              return isMoney(text)
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('expenses.money')));
                            const n = Number(text);
                            return Number.isInteger(n) && n >= 0 && n <= planLimits.count
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('goals.count')));
                          },
                        },
                      ]}
                    >
                      <Input
                        aria-label={t('goals.target')}
                        inputMode={kind === 'amount' ? 'decimal' : 'numeric'}
                        prefix={kind === 'amount' ? '¥' : undefined}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('goals.remove')}
                      title={t('goals.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              );
            })}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              disabled={fields.length >= planGoalKinds.length}
              onClick={() => add({ kind: planGoalKinds.find((k) => !usedKinds.has(k)) })}
              style={{ marginBottom: 24 }}
            >
              {t('goals.add')}
            </Button>
          </Flex>
        )}
      </Form.List>

      <Typography.Title level={5}>{t('fields.expenses')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('expenses.hint')}</Typography.Paragraph>
      <Form.List name="expenses">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" aria-label={`${t('expenses.item')} ${index + 1}`}>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'item']}
                    rules={[rules.required(), rules.maxLength(planLimits.expenseItem)]}
                  >
                    <Input aria-label={t('expenses.item')} maxLength={planLimits.expenseItem} />
                  </Form.Item>
                </Col>
                <Col flex="160px">
                  <Form.Item
                    name={[field.name, 'amount']}
                    rules={[
                      rules.required(),
                      {
                        validator: (_, value: string | undefined) =>
                          !value || isMoney(normaliseMoney(value) ?? '')
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('expenses.money'))),
                      },
                    ]}
                  >
                    <Input aria-label={t('expenses.amount')} inputMode="decimal" prefix="¥" />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Button
                    type="text"
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('expenses.remove')}
                    title={t('expenses.remove')}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                disabled={fields.length >= planLimits.expenses}
                onClick={() => add({})}
              >
                {t('expenses.add')}
              </Button>
              <Typography.Text strong role="status">
                {t('expenses.total', { total: formatMoney(total) })}
              </Typography.Text>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
