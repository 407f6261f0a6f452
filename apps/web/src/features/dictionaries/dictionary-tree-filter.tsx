import type { DictionaryItem, DictionaryType } from '@guanxi/contract';
import { Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useDictionaryItems } from './api.ts';
import { useItemLabel } from './item-label.ts';

const ALL = '__all__';

type Props = {
  /** A tree dictionary (产品分类, 知识库分类 …). */
  type: DictionaryType;
  /** The chosen item, or null for 全部. */
  value: string | null;
  onChange: (id: string | null) => void;
  /** The top node (全部分类) and the tree's accessible name. */
  allLabel: string;
  ariaLabel: string;
  /** Records per item (null: without one): shown beside each node with what lies below it. */
  counts?: ReadonlyMap<string | null, number>;
};

/** A tree dictionary's valid items to filter a list by (an item takes the ones below it); 全部 on top. */
export function DictionaryTreeFilter({ type, value, onChange, allLabel, ariaLabel, counts }: Props) {
  const items = useDictionaryItems(type);
  const label = useItemLabel();
  const treeData = useMemo<DataNode[]>(() => {
    const all = (items.data ?? []).filter((i) => i.valid);
    const titled = (text: string, n: number) => (counts && n ? `${text} (${n})` : text);
    const level = (parentId: string | null): { nodes: DataNode[]; total: number } => {
      let total = 0;
      const nodes = all
        .filter((i: DictionaryItem) => i.parentId === parentId)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((i) => {
          const below = level(i.id);
          const n = (counts?.get(i.id) ?? 0) + below.total;
          total += n;
          return { key: i.id, title: titled(label(i), n), children: below.nodes };
        });
      return { nodes, total };
    };
    const everything = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : 0;
    return [{ key: ALL, title: titled(allLabel, everything), children: level(null).nodes }];
  }, [items.data, counts, label, allLabel]);
  if (items.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
  return (
    <Tree
      aria-label={ariaLabel}
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
