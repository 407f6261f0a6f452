import { defaultPasswordPolicy, type PasswordPolicy, passwordClassTests } from '@guanxi/contract';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';
import { commonPasswords } from './common-passwords.ts';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1 — OWASP's recommendation).
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the user does not exist, so both answers take the same time.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('guanxi-dummy-password-1');
  await verifyPassword(await dummyHash, password);
}

export { defaultPasswordPolicy };

/**
 * The password policy, wherever a password is set (user create, reset, change, a tenant's admin,
 * the CLI): the tenant's minimum length and required kinds of character (`PASSWORD_POLICY`, the
 * detail names what is missing: `min:12`, `upper` …); not containing the username, in any case,
 * when the tenant forbids it (`PASSWORD_HAS_USERNAME`: `luobin123` for `luobin`); never one of the
 * commonest passwords (`PASSWORD_TOO_COMMON`, common-passwords.ts).
 */
export function checkPasswordPolicy(
  password: string,
  username: string,
  field = 'password',
  policy: PasswordPolicy = defaultPasswordPolicy,
): void {
  const missing = policy.passwordClasses.filter((c) => !passwordClassTests[c].test(password));
  if (password.length < policy.passwordMinLength || password.length > 128 || missing.length) {
    const detail = password.length < policy.passwordMinLength ? [`min:${policy.passwordMinLength}`] : [];
    throw new AppError('PASSWORD_POLICY', [
      { path: field, message: [...detail, ...missing].join(',') || 'policy' },
    ]);
  }
  const lower = password.toLowerCase();
  if (policy.passwordForbidUsername && username && lower.includes(username.toLowerCase()))
    throw new AppError('PASSWORD_HAS_USERNAME', [{ path: field, message: 'contains the username' }]);
  if (commonPasswords.has(lower))
    throw new AppError('PASSWORD_TOO_COMMON', [{ path: field, message: 'a common password' }]);
}
