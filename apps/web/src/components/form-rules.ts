import { PHONE_PATTERN } from '@guanxi/contract';
import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** What `required` counts as missing: nothing, blank text, an empty list. */
const isMissing = (value: unknown) =>
  value == null || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && !value.length);

/**
 * The rules every form repeats, with their messages in the reader's language. Lengths come from
 * the contract's limits (e.g. `maxLength(userLimits.name)`), never typed again here.
 */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      /**
       * Required: not empty, not just spaces, not an empty list. Of any type — numbers, dates and
       * lists too (with the validator's default type, text, every number or date failed as
       * missing: the tenant settings form could not be saved).
       */
      required: (message: string = t('validation.required')): FormRule => ({
        required: true, // the label's required mark
        message,
        validator: async (_rule, value) => {
          if (isMissing(value)) throw new Error(message);
        },
      }),
      /** At most `max` characters. */
      maxLength: (max: number): FormRule => ({ max, message: t('validation.maxLength', { max }) }),
      phone: { pattern: PHONE_PATTERN, message: t('validation.phone') } satisfies FormRule as FormRule,
      email: { type: 'email', message: t('validation.email') } satisfies FormRule as FormRule,
    }),
    [t],
  );
}
