import './texts.ts';
import type { Department } from '@guanxi/contract';
import { Form } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { DepartmentTreeSelect } from './department-tree-select.tsx';
import { subtreeIds } from './tree.ts';

type Props = {
  open: boolean;
  department: Department;
  all: Department[];
  onCancel: () => void;
  /** Moves; the caller closes the modal on success. */
  onSubmit: (parentId: string) => Promise<unknown>;
};

/** Picks a new parent; the department's own subtree cannot be chosen. */
export function MoveDepartmentModal({ open, department, all, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('departments');
  const disabled = useMemo(() => subtreeIds(all, department.id), [all, department.id]);
  return (
    <FormModal<{ parentId: string }>
      open={open}
      title={t('move.title', { name: department.name })}
      name="move-department"
      width={480}
      initialValues={{ parentId: department.parentId ?? undefined }}
      onCancel={onCancel}
      onSubmit={(v) => onSubmit(v.parentId)}
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
    </FormModal>
  );
}
