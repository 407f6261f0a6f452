import type { Department } from '@guanxi/contract';
import { Form, Modal } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { DepartmentTreeSelect } from './department-tree-select.tsx';
import { subtreeIds } from './tree.ts';

type Props = {
  open: boolean;
  department: Department;
  all: Department[];
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (parentId: string) => void;
};

/** Picks a new parent; the department's own subtree cannot be chosen. */
export function MoveDepartmentModal({ open, department, all, loading, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('departments');
  const { t: tc } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<{ parentId: string }>();
  const disabled = useMemo(() => subtreeIds(all, department.id), [all, department.id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ parentId: department.parentId ?? undefined });
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={t('move.title', { name: department.name })}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={loading}
      onCancel={onCancel}
      onOk={() => form.submit()}
      forceRender
      width={isPhone ? '100%' : 480}
    >
      <Form
        form={form}
        name="move-department"
        layout="vertical"
        onFinish={(v) => onSubmit(v.parentId)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="parentId"
          label={t('move.newParent')}
          rules={[
            { required: true, message: t('move.parentRequired') },
            {
              validator: (_r, value: string | undefined) =>
                !value || value !== department.parentId
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('move.sameParent'))),
            },
          ]}
        >
          <DepartmentTreeSelect disabledIds={disabled} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
