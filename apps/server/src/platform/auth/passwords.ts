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

/**
 * The password policy, wherever a password is set (user create, reset, change, a tenant's admin,
 * the CLI): ≥ 8 characters, letters and digits (`PASSWORD_POLICY`); not containing the username,
 * in any case (`PASSWORD_HAS_USERNAME`: `luobin123` for `luobin`); not one of the commonest
 * passwords (`PASSWORD_TOO_COMMON`, common-passwords.ts).
 */
export function checkPasswordPolicy(password: string, username: string, field = 'password'): void {
  const ok =
    password.length >= 8 && password.length <= 128 && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
  if (!ok) throw new AppError('PASSWORD_POLICY', [{ path: field, message: 'policy' }]);
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase()))
    throw new AppError('PASSWORD_HAS_USERNAME', [{ path: field, message: 'contains the username' }]);
  if (commonPasswords.has(lower))
    throw new AppError('PASSWORD_TOO_COMMON', [{ path: field, message: 'a common password' }]);
}
