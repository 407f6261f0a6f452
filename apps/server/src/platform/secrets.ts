import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors.ts';

/**
 * Credentials the server must read back (TOTP secrets now; SMTP, SMS and webhook secrets later)
 * are stored sealed: AES-256-GCM under the server key, in a versioned envelope
 *
 *   gx1.<key id>.<iv>.<ciphertext + tag>        (base64url parts)
 *
 * The key id (a fingerprint of the key, never the key) tells which key sealed a value, so a start
 * with the wrong key and a half-done rotation are told apart from damage. `gx1` is the format:
 * a later format gets `gx2` and both can be read during a migration. The header is authenticated
 * too (GCM additional data), so no part of an envelope can be changed unnoticed.
 */
const FORMAT = 'gx1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Base64 or base64url of 32 bytes, as `openssl rand -base64 32` or `generate()` writes them. */
const KEY_TEXT = /^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43})$/;

export class ServerKey {
  /** Private field: never logged, serialised or inspected with the rest of the config. */
  readonly #bytes: Buffer;
  readonly id: string;

  /** `source` says where the key came from, for messages: `GUANXI_SECRET_KEY` or a file path. */
  private constructor(
    bytes: Buffer,
    readonly source: string,
  ) {
    this.#bytes = bytes;
    this.id = crypto.createHash('sha256').update('guanxi key id\0').update(bytes).digest('hex').slice(0, 12);
  }

  /** A new random key. */
  static generate(source: string): ServerKey {
    return new ServerKey(crypto.randomBytes(KEY_BYTES), source);
  }

  /** Reads a key written as text; SECRET_KEY_INVALID names `source` when it is not 32 bytes. */
  static parse(text: string, source: string): ServerKey {
    const trimmed = text.trim();
    if (!KEY_TEXT.test(trimmed)) {
      throw new AppError('SECRET_KEY_INVALID', [{ path: source, message: 'not 32 bytes in base64' }]);
    }
    return new ServerKey(Buffer.from(trimmed, 'base64'), source);
  }

  /** The key as text (base64url), for the key file or for the operator to copy. */
  toText(): string {
    return this.#bytes.toString('base64url');
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const header = `${FORMAT}.${this.id}`;
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#bytes, iv);
    cipher.setAAD(Buffer.from(header));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${header}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * The plaintext of a sealed value. SECRET_KEY_MISMATCH when another key sealed it,
   * SECRET_UNREADABLE when it is no envelope or was altered (the tag does not match).
   */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== FORMAT) throw new AppError('SECRET_UNREADABLE');
    const [format, keyId, ivText, bodyText] = parts;
    if (keyId !== this.id) {
      throw new AppError('SECRET_KEY_MISMATCH', {
        sealedWith: keyId,
        serverKey: this.id,
        source: this.source,
      });
    }
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new AppError('SECRET_UNREADABLE');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#bytes, iv);
      decipher.setAAD(Buffer.from(`${format}.${keyId}`));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new AppError('SECRET_UNREADABLE');
    }
  }

  /** Shows the id only, wherever the key object ends up (logs, errors, console). */
  toJSON() {
    return { id: this.id, source: this.source };
  }
}

/** True when the value is a sealed envelope (of any key). */
export const isSealed = (value: string) => value.startsWith(`${FORMAT}.`);

/** The SQL LIKE pattern of the values sealed with `key`. */
export const sealedWithPattern = (key: ServerKey) => `${FORMAT}.${key.id}.%`;

export const KEY_FILE = 'secret.key';

/**
 * The key kept in the data directory when GUANXI_SECRET_KEY is not set: created on first use
 * with mode 0600, read afterwards. Two processes starting at once get the same key: the file is
 * written aside and linked into place, which fails for the second, who then reads the first's.
 */
export function keyFromDataDir(dataDir: string): ServerKey {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = ServerKey.generate(file);
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, `${fresh.toText()}\n`, { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
      return fresh;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  if (fs.statSync(file).mode & 0o077) {
    console.warn(`Warning: ${file} can be read by other users of this machine; run: chmod 600 ${file}`);
  }
  return ServerKey.parse(fs.readFileSync(file, 'utf8'), file);
}

/** Writes a key file (mode 0600) that replaces `file` only once complete. */
export function writeKeyFile(file: string, key: ServerKey) {
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, `${key.toText()}\n`, { mode: 0o600 });
  fs.renameSync(aside, file);
}
