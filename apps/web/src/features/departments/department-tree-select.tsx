import './texts.ts';
import { Input, TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/access.ts';
import { useDepartments } from './api.ts';
import { buildTree } from './tree.ts';

type Props = Omit<TreeSelectProps, 'treeData'> & {
  /** Ids that cannot be chosen (e.g. a department's own subtree when moving it). */
  disabledIds?: Set<string>;
  /** Shown (read only) to users who may not list departments. */
  fallbackLabel?: string;
};

/** Searchable department picker over the whole tree (read only without `departments:view`). */
export function DepartmentTreeSelect({ disabledIds, fallbackLabel, ...props }: Props) {
  const { t } = useTranslation('departments');
  const allowed = useCan()('departments:view');
  const { data = [], isLoading } = useDepartments(allowed);
  const treeData = useMemo(() => buildTree(data, disabledIds), [data, disabledIds]);
  if (!allowed) return <Input id={props.id} disabled value={fallbackLabel ?? ''} />;
  return (
    <TreeSelect
      showSearch
      allowClear
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      placeholder={t('select')}
      loading={isLoading}
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}
