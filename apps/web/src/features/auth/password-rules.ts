import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** The server's policy, checked early: ≥ 8 characters, letters and digits, not the username. */
export function passwordRules(t: TFunction<'common'>, username?: string): FormRule[] {
  return [
    { required: true, message: t('validation.passwordRequired') },
    { min: 8, message: t('validation.passwordMin') },
    {
      validator: (_rule, value: string | undefined) =>
        !value || (/[A-Za-z]/.test(value) && /[0-9]/.test(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordLettersDigits'))),
    },
    {
      validator: (_rule, value: string | undefined) =>
        !value || !username || value.toLowerCase() !== username.toLowerCase()
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordNotUsername'))),
    },
  ];
}
