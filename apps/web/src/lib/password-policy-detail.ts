import type { PasswordClass } from '@guanxi/contract';
import type { TFunction } from 'i18next';

// a type import only: this runs with every page's errors, the contract's values stay out of it
const CLASS = /^(letter|upper|lower|digit|symbol)$/;

/**
 * The server names what a password lacks against the tenant's policy (`min:12,upper,symbol`,
 * PASSWORD_POLICY's detail); this says it in the user's language, or null for another message.
 */
export function passwordPolicyDetail(t: TFunction, detail: string): string | null {
  const parts = detail.split(',');
  const min = parts.find((p) => p.startsWith('min:'))?.slice(4);
  const lacking = parts.filter((p): p is PasswordClass => CLASS.test(p));
  if (!min && !lacking.length) return null;
  const sentences = [
    ...(min ? [t('validation.passwordShort', { min })] : []),
    ...(lacking.length
      ? [
          t('validation.passwordNeeds', {
            classes: lacking.map((c) => t(`validation.passwordClasses.${c}`)).join(', '),
          }),
        ]
      : []),
  ];
  return sentences.join('; ');
}
