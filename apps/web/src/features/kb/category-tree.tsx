import './texts.ts';
import { useTranslation } from 'react-i18next';
import { DictionaryTreeFilter } from '../dictionaries/dictionary-tree-filter.tsx';
import { useCategoryCounts } from './api.ts';

const NONE: ReadonlyMap<string | null, number> = new Map();

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
  const counts = useCategoryCounts();
  return (
    <DictionaryTreeFilter
      type="kb-category"
      value={value}
      onChange={onChange}
      allLabel={t('allCategories')}
      ariaLabel={t('categoryTree')}
      counts={counts.data ?? NONE}
    />
  );
}
