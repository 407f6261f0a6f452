import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from './api.ts';
import { buildTree } from './tree.ts';

type Props = Omit<TreeSelectProps, 'treeData'> & {
  /** Ids that cannot be chosen (e.g. a department's own subtree when moving it). */
  disabledIds?: Set<string>;
};

/** Searchable department picker over the whole tree. */
export function DepartmentTreeSelect({ disabledIds, ...props }: Props) {
  const { t } = useTranslation('departments');
  const { data = [], isLoading } = useDepartments();
  const treeData = useMemo(() => buildTree(data, disabledIds), [data, disabledIds]);
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
