import './texts.ts';
import { useTranslation } from 'react-i18next';
import { DictionaryTreeFilter } from '../dictionaries/dictionary-tree-filter.tsx';

/** 产品分类 as a tree to filter by (a category takes its sub-categories); 全部分类 on top. */
export function CategoryTree({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('products');
  return (
    <DictionaryTreeFilter
      type="product-category"
      value={value}
      onChange={onChange}
      allLabel={t('allCategories')}
      ariaLabel={t('categoryTree')}
    />
  );
}
