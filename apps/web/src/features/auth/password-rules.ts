import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/**
 * The server's policy, checked early: ≥ 8 characters, letters and digits, not containing the
 * username (any case). The server also refuses the commonest passwords (PASSWORD_TOO_COMMON); that
 * answer lands on the field. `username` may be a getter, for a form where it is typed too.
 */
export function passwordRules(
  t: TFunction<'common'>,
  username?: string | (() => string | undefined),
): FormRule[] {
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
      validator: (_rule, value: string | undefined) => {
        const name = (typeof username === 'function' ? username() : username)?.trim().toLowerCase();
        return !value || !name || !value.toLowerCase().includes(name)
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordNotUsername')));
      },
    },
  ];
}
