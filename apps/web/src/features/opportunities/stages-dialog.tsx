import './texts.ts';
import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type OpportunityStage, opportunityLimits } from '@guanxi/contract';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCreateStage, useDeleteStage, useStages, useUpdateStage } from './api.ts';

type Values = { name: string; probability: string; stalledDays: number };

/** 阶段设置 (opportunities:assign): the stages in order, their default probability and stalled days. */
export function StagesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useFormRules();
  const stages = useStages();
  const create = useCreateStage();
  const update = useUpdateStage();
  const remove = useDeleteStage();
  const [editing, setEditing] = useState<OpportunityStage | 'new' | null>(null);
  const list = stages.data ?? [];
  const moveBy = (s: OpportunityStage, by: number) =>
    void update
      .mutateAsync({ id: s.id, version: s.version, position: s.position + by })
      .catch((e) => showError(e));
  const current = editing && editing !== 'new' ? editing : null;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('stages.title')} width={720} destroyOnHidden>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('stages.hint')}</Typography.Text>
        <Table<OpportunityStage>
          size="small"
          rowKey="id"
          pagination={false}
          loading={stages.isPending}
          dataSource={list}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'position', title: t('stages.position'), dataIndex: 'position', width: 60 },
            { key: 'name', title: t('stages.name'), dataIndex: 'name' },
            {
              key: 'probability',
              title: t('stages.probability'),
              align: 'right',
              render: (_, s) => `${Number(s.probability)}%`,
            },
            { key: 'stalledDays', title: t('stages.stalledDays'), dataIndex: 'stalledDays', align: 'right' },
            { key: 'openCount', title: t('stages.openCount'), dataIndex: 'openCount', align: 'right' },
            {
              key: 'actions',
              title: '',
              render: (_, s, i) => (
                <Flex gap={4}>
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined aria-hidden />}
                    aria-label={`${t('stages.up')} ${s.name}`}
                    disabled={i === 0}
                    onClick={() => moveBy(s, -1)}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined aria-hidden />}
                    aria-label={`${t('stages.down')} ${s.name}`}
                    disabled={i === list.length - 1}
                    onClick={() => moveBy(s, 1)}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<EditOutlined aria-hidden />}
                    aria-label={`${t('actions.edit')} ${s.name}`}
                    onClick={() => setEditing(s)}
                  />
                  <ConfirmDeleteButton
                    look="icon"
                    title={t('stages.deleteConfirm')}
                    ariaLabel={`${tc('actions.delete')} ${s.name}`}
                    disabled={s.openCount > 0 || list.length === 1}
                    onConfirm={() => remove.mutateAsync({ id: s.id, version: s.version })}
                    doneMessage={tc('status.saved')}
                  />
                </Flex>
              ),
            },
          ]}
        />
        <Flex>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('stages.add')}
          </Button>
        </Flex>
      </Flex>
      <FormModal<Values>
        open={!!editing}
        name="opportunity-stage"
        title={current ? current.name : t('stages.add')}
        initialValues={
          current
            ? { name: current.name, probability: current.probability, stalledDays: current.stalledDays }
            : { stalledDays: 14 }
        }
        onCancel={() => setEditing(null)}
        onSubmit={async (v) => {
          const input = {
            name: v.name.trim(),
            probability: String(v.probability).trim(),
            stalledDays: v.stalledDays,
          };
          if (current) await update.mutateAsync({ id: current.id, version: current.version, ...input });
          else await create.mutateAsync(input);
          message.success(t('stages.saved'));
          setEditing(null);
        }}
      >
        <Form.Item
          name="name"
          label={t('stages.name')}
          rules={[rules.required(), rules.maxLength(opportunityLimits.stageName)]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="probability" label={t('stages.probability')} rules={[rules.required()]}>
          <Input inputMode="decimal" suffix="%" />
        </Form.Item>
        <Form.Item name="stalledDays" label={t('stages.stalledDays')} rules={[rules.required()]}>
          <InputNumber min={1} max={opportunityLimits.stalledDays} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </Modal>
  );
}
