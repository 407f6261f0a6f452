import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';

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

/** ≥ 8 characters, at least one letter and one digit, not the username. */
export function checkPasswordPolicy(password: string, username: string): void {
  const ok =
    password.length >= 8 &&
    password.length <= 128 &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password) &&
    password.toLowerCase() !== username.toLowerCase();
  if (!ok) throw new AppError('PASSWORD_POLICY', [{ path: 'password', message: 'policy' }]);
}
