import { PHONE_PATTERN } from '@guanxi/contract';
import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The rules every form repeats, with their messages in the reader's language. Lengths come from
 * the contract's limits (e.g. `maxLength(userLimits.name)`), never typed again here.
 */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      /** Required, and not just spaces (also fine for selects: only strings are trimmed). */
      required: (message: string = t('validation.required')): FormRule => ({
        required: true,
        whitespace: true,
        message,
      }),
      /** At most `max` characters. */
      maxLength: (max: number): FormRule => ({ max, message: t('validation.maxLength', { max }) }),
      phone: { pattern: PHONE_PATTERN, message: t('validation.phone') } satisfies FormRule as FormRule,
      email: { type: 'email', message: t('validation.email') } satisfies FormRule as FormRule,
    }),
    [t],
  );
}
