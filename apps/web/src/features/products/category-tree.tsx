import './texts.ts';
import type { DictionaryItem } from '@guanxi/contract';
import { Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';

const ALL = '__all__';

/** 产品分类 as a tree to filter by (a category takes its sub-categories); 全部分类 on top. */
export function CategoryTree({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('products');
  const items = useDictionaryItems('product-category');
  const label = useItemLabel();
  const treeData = useMemo<DataNode[]>(() => {
    const all = (items.data ?? []).filter((i) => i.valid);
    const level = (parentId: string | null): DataNode[] =>
      all
        .filter((i: DictionaryItem) => i.parentId === parentId)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((i) => ({ key: i.id, title: label(i), children: level(i.id) }));
    return [{ key: ALL, title: t('allCategories'), children: level(null) }];
  }, [items.data, label, t]);
  if (items.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
  return (
    <Tree
      aria-label={t('categoryTree')}
      treeData={treeData}
      defaultExpandAll
      blockNode
      selectedKeys={[value ?? ALL]}
      onSelect={(keys) => {
        const key = keys[0];
        onChange(!key || key === ALL ? null : String(key));
      }}
    />
  );
}
