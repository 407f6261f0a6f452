import {
  defaultPasswordPolicy,
  type PasswordClass,
  type PasswordPolicy,
  passwordClassTests,
} from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';

/**
 * A new password's field, by the caller's tenant's policy (系统设置 → 安全设置): its rules, checked
 * before sending, and the line under the field that says them. The server also refuses the
 * commonest passwords (PASSWORD_TOO_COMMON); that answer lands on the field. `username` may be a
 * getter, for a form where it is typed too.
 */
export function usePasswordField(username?: string | (() => string | undefined)): {
  rules: FormRule[];
  help: string;
} {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: ({ signal }) => api.get<PasswordPolicy>('/auth/password-policy', undefined, signal),
    staleTime: 60_000,
  });
  // until the tenant's policy is read: the default (the least any tenant asks for in length)
  const policy = data ?? defaultPasswordPolicy;
  const list = (classes: readonly PasswordClass[]) =>
    classes.map((c) => t(`validation.passwordClasses.${c}`)).join(t('validation.passwordHint.and'));
  const rules: FormRule[] = [
    { required: true, message: t('validation.passwordRequired') },
    {
      min: policy.passwordMinLength,
      message: t('validation.passwordShort', { min: policy.passwordMinLength }),
    },
    {
      validator: (_rule, value: string | undefined) => {
        const missing = policy.passwordClasses.filter((c) => !passwordClassTests[c].test(value ?? ''));
        return !value || !missing.length
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordNeeds', { classes: list(missing) })));
      },
    },
  ];
  if (policy.passwordForbidUsername)
    rules.push({
      validator: (_rule, value: string | undefined) => {
        const name = (typeof username === 'function' ? username() : username)?.trim().toLowerCase();
        return !value || !name || !value.toLowerCase().includes(name)
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordNotUsername')));
      },
    });
  const help = [
    t('validation.passwordHint.min', { min: policy.passwordMinLength }),
    ...(policy.passwordClasses.length
      ? [t('validation.passwordHint.classes', { classes: list(policy.passwordClasses) })]
      : []),
    ...(policy.passwordForbidUsername ? [t('validation.passwordHint.notUsername')] : []),
    t('validation.passwordHint.notCommon'),
  ].join(t('validation.passwordHint.separator'));
  return { rules, help };
}
