import type { DictionaryItem } from '@guanxi/contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

type Named = Pick<DictionaryItem, 'name' | 'nameEn'>;

/** The English name in an English UI when there is one, else the (Chinese) name. */
export function itemLabel(item: Named, language: string): string {
  return language === 'en-US' && item.nameEn ? item.nameEn : item.name;
}

/** `itemLabel` for the current UI language (re-renders when the language changes). */
export function useItemLabel(): (item: Named) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((item: Named) => itemLabel(item, language), [language]);
}
