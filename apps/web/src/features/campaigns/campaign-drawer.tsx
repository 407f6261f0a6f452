import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type Campaign,
  type CampaignExpenseInput,
  type CreateCampaign,
  campaignLimits,
  campaignStatuses,
  fromCents,
  MONEY_PATTERN,
  sumMoney,
  toCents,
  type UpdateCampaign,
} from '@guanxi/contract';
import { App, Button, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { ParticipantsSelect } from '../events/participants-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { useCreateCampaign, useUpdateCampaign } from './api.ts';
import { formatMoney } from './labels.tsx';

type Props = {
  /** `'new'`, a campaign to edit, or null when closed. */
  target: 'new' | Campaign | null;
  onClose: () => void;
  onSaved?: (c: Campaign) => void;
};

type ExpenseValues = { item?: string; amount?: string; spentOn?: Dayjs | null; note?: string | null };
type Values = {
  name?: string;
  channel?: string;
  status?: Campaign['status'];
  period?: [Dayjs, Dayjs];
  budget?: string | null;
  ownerId?: string;
  participantIds?: string[];
  targetCustomers?: string | null;
  products?: string | null;
  partners?: string | null;
  description?: string | null;
  expenses?: ExpenseValues[];
};

const half = { xs: 24, sm: 12 };
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const isMoney = (s: string | undefined) => !!s && MONEY_PATTERN.test(s.trim()) && !s.trim().startsWith('-');

/** 新建 / 编辑市场活动: the shared form drawer, expense lines with an exact running total. */
export function CampaignDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const editing = target && target !== 'new' ? target : undefined;
  const expenses = Form.useWatch('expenses', form) as ExpenseValues[] | undefined;
  const budget = Form.useWatch('budget', form) as string | undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        channel: editing.channel,
        status: editing.status,
        period: [dayjs(editing.startDate), dayjs(editing.endDate)],
        budget: editing.budget,
        ownerId: editing.ownerId,
        participantIds: editing.participants.map((p) => p.id),
        targetCustomers: editing.targetCustomers,
        products: editing.products,
        partners: editing.partners,
        description: editing.description,
        expenses: editing.expenses.map((e) => ({
          item: e.item,
          amount: e.amount,
          spentOn: e.spentOn ? dayjs(e.spentOn) : null,
          note: e.note,
        })),
      });
    else form.setFieldsValue({ status: 'planned', expenses: [] });
  }, [target]);

  const valid = (expenses ?? []).filter((e) => isMoney(e?.amount));
  const total = sumMoney(valid.map((e) => e.amount!.trim()));
  const left = isMoney(budget ?? undefined) ? toCents(budget!.trim()) - toCents(total) : null;

  const submit = async (v: Values) => {
    const lines: CampaignExpenseInput[] = (v.expenses ?? []).map((e) => ({
      item: e.item ?? '',
      amount: (e.amount ?? '').trim(),
      spentOn: e.spentOn ? e.spentOn.format('YYYY-MM-DD') : null,
      note: blank(e.note),
    }));
    const common = {
      name: v.name ?? '',
      channel: v.channel!,
      status: v.status,
      startDate: v.period![0].format('YYYY-MM-DD'),
      endDate: v.period![1].format('YYYY-MM-DD'),
      budget: blank(v.budget),
      targetCustomers: blank(v.targetCustomers),
      products: blank(v.products),
      partners: blank(v.partners),
      description: blank(v.description),
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      ...(v.participantIds ? { participantIds: v.participantIds } : {}),
      expenses: lines,
    };
    try {
      let saved: Campaign;
      if (editing) {
        const input: UpdateCampaign = { version: editing.version, ...common };
        saved = await update.mutateAsync({ id: editing.id, ...input });
      } else saved = await create.mutateAsync(common satisfies CreateCampaign);
      message.success(editing ? tc('status.saved') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('editTitle') : t('createTitle')}
      width={720}
      name="campaign-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[rules.required(), rules.maxLength(campaignLimits.name)]}
          >
            <Input maxLength={campaignLimits.name} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="channel" label={t('fields.channel')} rules={[rules.required()]}>
            <DictionarySelect type="campaign-channel" allowClear={false} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="status" label={t('fields.status')}>
            <Select options={campaignStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="period" label={t('fields.period')} rules={[rules.required()]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="budget"
            label={t('fields.budget')}
            rules={[{ pattern: MONEY_PATTERN, message: t('hints.expenses') }]}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
        </Col>
        {can('users:view') ? (
          <Col {...half}>
            <Form.Item name="ownerId" label={t('fields.owner')} extra={t('hints.owner')}>
              <UserSelect currentLabel={editing?.ownerName} allowClear={!editing} />
            </Form.Item>
          </Col>
        ) : null}
        {can('events:create') ? (
          <Col {...half}>
            <Form.Item name="participantIds" label={t('fields.participants')}>
              <ParticipantsSelect known={editing?.participants} />
            </Form.Item>
          </Col>
        ) : null}
        <Col {...half}>
          <Form.Item name="targetCustomers" label={t('fields.targetCustomers')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={campaignLimits.text} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="products" label={t('fields.products')} extra={t('hints.products')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={campaignLimits.text} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="partners" label={t('fields.partners')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={campaignLimits.text} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="description" label={t('fields.description')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={campaignLimits.text} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('tabs.expenses')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hints.expenses')}</Typography.Paragraph>
      <Form.List name="expenses">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, index) => (
              <Row
                key={field.key}
                gutter={8}
                align="top"
                aria-label={`${t('expenses.item')} ${index + 1}`}
                role="group"
              >
                <Col xs={12} sm={6}>
                  <Form.Item
                    name={[field.name, 'item']}
                    label={index === 0 ? t('expenses.item') : undefined}
                    rules={[rules.required(), rules.maxLength(campaignLimits.item)]}
                  >
                    <Input aria-label={t('expenses.item')} maxLength={campaignLimits.item} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={5}>
                  <Form.Item
                    name={[field.name, 'amount']}
                    label={index === 0 ? t('expenses.amount') : undefined}
                    rules={[
                      rules.required(),
                      {
                        validator: (_, value: string | undefined) =>
                          !value || isMoney(value)
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('hints.expenses'))),
                      },
                    ]}
                  >
                    <Input aria-label={t('expenses.amount')} inputMode="decimal" prefix="¥" />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={5}>
                  <Form.Item
                    name={[field.name, 'spentOn']}
                    label={index === 0 ? t('expenses.spentOn') : undefined}
                  >
                    <DatePicker aria-label={t('expenses.spentOn')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={6}>
                  <Form.Item
                    name={[field.name, 'note']}
                    label={index === 0 ? t('expenses.note') : undefined}
                    rules={[rules.maxLength(campaignLimits.note)]}
                  >
                    <Input aria-label={t('expenses.note')} maxLength={campaignLimits.note} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('expenses.remove')}
                      title={t('expenses.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ item: '', amount: '' })}
                disabled={fields.length >= campaignLimits.expenses}
              >
                {t('expenses.add')}
              </Button>
              <Flex vertical align="end">
                <Typography.Text strong aria-label={t('expenses.total')}>
                  {t('expenses.total')} ¥{formatMoney(total)}
                </Typography.Text>
                {left !== null ? (
                  <Typography.Text type={left < 0n ? 'danger' : 'secondary'}>
                    {left < 0n
                      ? t('expenses.overBudget', { amount: formatMoney(fromCents(-left)) })
                      : t('expenses.budgetLeft', { amount: formatMoney(fromCents(left)) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
