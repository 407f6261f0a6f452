import './texts.ts';
import type { DictionaryItem } from '@guanxi/contract';
import { Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';
import { useCategoryCounts } from './api.ts';

const ALL = '__all__';

/**
 * 知识库分类 (the dictionary tree `kb-category`) to filter by, each with how many articles of its
 * own and below I may read; 全部分类 on top.
 */
export function KbCategoryTree({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('kb');
  const items = useDictionaryItems('kb-category');
  const counts = useCategoryCounts();
  const label = useItemLabel();
  const treeData = useMemo<DataNode[]>(() => {
    const all = (items.data ?? []).filter((i) => i.valid);
    const own = counts.data ?? new Map<string | null, number>();
    const level = (parentId: string | null): { nodes: DataNode[]; total: number } => {
      let total = 0;
      const nodes = all
        .filter((i: DictionaryItem) => i.parentId === parentId)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((i) => {
          const below = level(i.id);
          const n = (own.get(i.id) ?? 0) + below.total;
          total += n;
          return { key: i.id, title: n ? `${label(i)} (${n})` : label(i), children: below.nodes };
        });
      return { nodes, total };
    };
    const everything = [...own.values()].reduce((a, b) => a + b, 0);
    return [
      {
        key: ALL,
        title: `${t('allCategories')}${everything ? ` (${everything})` : ''}`,
        children: level(null).nodes,
      },
    ];
  }, [items.data, counts.data, label, t]);
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
