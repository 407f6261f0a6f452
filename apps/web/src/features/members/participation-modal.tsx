import './texts.ts';
import type { MemberActivityKind } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useCan } from '../../lib/access.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { CampaignSelect } from '../leads/pickers.tsx';
import { fetchPlans } from '../marketing-plans/api.ts';
import { useAddParticipation } from './api.ts';

type Values = { kind: MemberActivityKind; activityId: string; participatedAt: Dayjs };

/**
 * 登记参与: the member took part in a campaign or an approved marketing plan, on a day (once each;
 * the server says so on the activity). The kinds offered are those the caller may see.
 */
export function ParticipationModal({
  memberId,
  open,
  onClose,
}: {
  memberId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('members');
  const can = useCan();
  const add = useAddParticipation(memberId);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const kinds = (['campaign', 'plan'] as const).filter((k) =>
    can(k === 'campaign' ? 'campaigns:view' : 'marketing-plans:view'),
  );
  return (
    <FormModal<Values>
      open={open}
      form={form}
      name="member-participation"
      title={t('actions.participate')}
      initialValues={{ kind: kinds[0], participatedAt: dayjs() }}
      onCancel={onClose}
      // another kind, another list: the picked activity no longer applies
      onValuesChange={(changed) => {
        if ('kind' in changed) form.setFieldValue('activityId', undefined);
      }}
      onSubmit={async (v) => {
        await add.mutateAsync({
          kind: v.kind,
          activityId: v.activityId,
          participatedAt: v.participatedAt.format('YYYY-MM-DD'),
        });
        onClose();
      }}
    >
      <Form.Item name="kind" label={t('fields.activityKind')}>
        <Radio.Group
          optionType="button"
          options={kinds.map((k) => ({ value: k, label: t(`activityKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="activityId" label={t('fields.activity')} rules={[{ required: true }]}>
        {kind === 'plan' ? <ApprovedPlanSelect /> : <CampaignSelect />}
      </Form.Item>
      <Form.Item name="participatedAt" label={t('fields.participatedAt')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Approved marketing plans (those a member can take part in) in the caller's scope, by title. */
function ApprovedPlanSelect(props: { value?: string; onChange?: (id: string) => void }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const plans = useQuery({
    queryKey: ['marketing-plans', 'approved-options', q],
    queryFn: ({ signal }) =>
      fetchPlans({ page: 1, pageSize: 20, reviewStatus: 'approved', q: q || undefined }, signal),
  });
  return (
    <Select<string>
      {...props}
      loading={plans.isFetching}
      options={(plans.data?.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
    />
  );
}
