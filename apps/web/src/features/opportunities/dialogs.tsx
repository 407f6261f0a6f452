import './texts.ts';
import { type DuplicateMatch, type Opportunity, opportunityLimits } from '@guanxi/contract';
import { Alert, App, Button, Form, Input, List, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useAssignees, useAssignOpportunity, useLoseOpportunity, useWinOpportunity } from './api.ts';

/** Picks whom to assign to: active users in my opportunities scope, searched by name. */
function AssigneeSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useAssignees(q, true);
  return (
    <Select<string>
      loading={isFetching}
      {...props}
      options={(data ?? []).map((u) => ({
        value: u.id,
        label: u.departmentName ? `${u.name} · ${u.departmentName}` : u.name,
      }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
    />
  );
}

/** 指派: to someone in my scope; the opportunity becomes theirs and developing. */
export function AssignDialog({ o, onClose }: { o: Opportunity | null; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const rules = useFormRules();
  const assign = useAssignOpportunity();
  return (
    <FormModal<{ userId: string }>
      open={!!o}
      name="opportunity-assign"
      title={t('assign.title')}
      okText={t('actions.assign')}
      intro={<Typography.Paragraph type="secondary">{t('assign.hint')}</Typography.Paragraph>}
      initialValues={{ userId: o?.assigneeId ?? undefined }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!o) return;
        await assign.mutateAsync({ id: o.id, userId: v.userId, version: o.version });
        message.success(t('assign.done'));
        onClose();
      }}
    >
      <Form.Item name="userId" label={t('assign.user')} rules={[rules.required()]}>
        <AssigneeSelect />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 开发成功: a prospect becomes a customer through the duplicate check; on a match the user links
 * the deal to one of the customers they see (or, with customers:force_duplicate, creates it anyway).
 */
export function WinDialog({ o, onClose }: { o: Opportunity | null; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const can = useCan();
  const win = useWinOpportunity();
  const [matches, setMatches] = useState<DuplicateMatch[] | null>(null);
  const close = () => {
    setMatches(null);
    onClose();
  };
  const run = async (extra: { existingCustomerId?: string; force?: boolean }) => {
    if (!o) return;
    try {
      await win.mutateAsync({ id: o.id, version: o.version, ...extra });
      message.success(t('win.done'));
      close();
    } catch (e) {
      if (isApiError(e, 'DUPLICATE_CUSTOMER')) {
        setMatches((e.body.details as { matches?: DuplicateMatch[] } | undefined)?.matches ?? []);
        return;
      }
      throw e;
    }
  };
  return (
    <FormModal<Record<string, never>>
      open={!!o}
      name="opportunity-win"
      title={t('win.title')}
      okText={t('actions.win')}
      onCancel={close}
      onSubmit={() => run({})}
      after={
        matches ? (
          <Alert
            type="warning"
            showIcon
            title={t('win.duplicates')}
            description={
              <List
                size="small"
                dataSource={matches}
                renderItem={(m) => (
                  <List.Item
                    actions={
                      m.id
                        ? [
                            <Button
                              key="use"
                              size="small"
                              type="primary"
                              onClick={() => void run({ existingCustomerId: m.id })}
                            >
                              {t('win.choose')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta title={m.name} description={m.id ? m.ownerName : t('win.hidden')} />
                  </List.Item>
                )}
                footer={
                  can('customers:force_duplicate') ? (
                    <Button size="small" danger onClick={() => void run({ force: true })}>
                      {t('win.title')}
                    </Button>
                  ) : null
                }
              />
            }
          />
        ) : null
      }
    >
      <Typography.Paragraph>
        {o?.customerId
          ? t('win.customerHint')
          : t('win.prospectHint', { name: o?.prospectName ?? '', owner: o?.ownerName ?? '' })}
      </Typography.Paragraph>
    </FormModal>
  );
}

/** 开发失败 with a reason from the lost-reason dictionary. */
export function LoseDialog({ o, onClose }: { o: Opportunity | null; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const rules = useFormRules();
  const lose = useLoseOpportunity();
  return (
    <FormModal<{ reason: string; note?: string }>
      open={!!o}
      name="opportunity-lose"
      title={t('lose.title')}
      okText={t('actions.lose')}
      danger
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!o) return;
        await lose.mutateAsync({
          id: o.id,
          version: o.version,
          reason: v.reason,
          note: v.note?.trim() || null,
        });
        message.success(t('lose.done'));
        onClose();
      }}
    >
      <Form.Item name="reason" label={t('lose.reason')} rules={[rules.required()]}>
        <DictionarySelect type="lost-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('lose.note')} rules={[rules.maxLength(opportunityLimits.lostNote)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
