import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { FileUnreadable } from './limits.ts';

/**
 * Bytes of a CSV file looked at (held once, then passed on) to tell UTF-8 from GB18030, counted
 * from its first byte that is not ASCII: text in ASCII reads the same in both, so a file whose
 * first rows are ASCII is judged on the rows that are not.
 */
export const SNIFF_BYTES = 64 * 1024;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * A CSV file's bytes as UTF-8 text, whatever the encoding it was saved in — what Chinese users
 * have: a BOM says UTF-8 (dropped), UTF-16LE or UTF-16BE (Excel's "Unicode text"); without one,
 * the first `SNIFF_BYTES` that are not ASCII decide: valid UTF-8 (a character cut at the end of
 * the window is not held against it) is UTF-8, anything else GB18030 (a superset of GBK and
 * GB2312: what Excel on Chinese Windows saves "CSV" in, and most Chinese systems export).
 *
 * Streamed: at most the sniff window is held, and a character whose bytes two chunks split waits
 * for the next (UTF-8: its lead bytes carried over; the others: TextDecoder with `stream: true`).
 * UTF-8 passes through as it came, checked; a file judged UTF-8 whose bytes turn out not to be
 * further on is refused, `FileUnreadable` naming the line (a file of two encodings would
 * otherwise import that part as U+FFFD). A character cut short at the very end of the input (as
 * the head of an upload the preview reads may be) stays U+FFFD, as before.
 */
export class CsvText extends Transform {
  private state: 'start' | 'sniff' | 'utf8' | 'decode' = 'start';
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Bytes held from the first that is not ASCII (the window being judged). */
  private windowBytes = 0;
  private decoder?: TextDecoder;
  /** UTF-8: the lead bytes of a character the next chunk completes. */
  private carry = Buffer.alloc(0);
  /** Line feeds passed on as UTF-8 or ASCII (for the line of an error). */
  private lines = 0;
  private chosen?: CsvEncoding;

  /** What the file was read as, once known. */
  get encoding(): CsvEncoding | undefined {
    return this.chosen;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      this.accept(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback) {
    try {
      if (this.state === 'start') this.start();
      if (this.state === 'sniff') this.decide();
      if (this.state === 'utf8' && this.carry.length) {
        if (!validPrefix(this.carry)) throw new FileUnreadable(this.lines + 1);
        this.push(this.carry); // a character cut short at the very end: U+FFFD, as before
      }
      if (this.state === 'decode') this.text(this.decoder!.decode());
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private accept(chunk: Buffer) {
    switch (this.state) {
      case 'start':
        this.hold(chunk);
        if (this.heldBytes >= 3) this.start();
        return;
      case 'sniff':
        this.sniff(chunk);
        return;
      case 'utf8':
        this.utf8(chunk);
        return;
      case 'decode':
        this.text(this.decoder!.decode(chunk, { stream: true }));
        return;
    }
  }

  /** The BOM, if any (the first 3 bytes are held, or all there are). */
  private start() {
    const bytes = this.release();
    const [a, b, c] = bytes;
    if (a === 0xef && b === 0xbb && c === 0xbf) {
      this.chosen = 'utf-8';
      this.state = 'utf8';
      this.utf8(bytes.subarray(3));
    } else if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
      this.decodeAs(a === 0xff ? 'utf-16le' : 'utf-16be', bytes); // TextDecoder drops the BOM
    } else {
      this.state = 'sniff';
      this.sniff(bytes);
    }
  }

  /** ASCII passes on at once; from the first byte that is not, up to `SNIFF_BYTES` are held. */
  private sniff(chunk: Buffer) {
    let rest = chunk;
    if (!this.windowBytes) {
      if (isAscii(chunk)) {
        this.ascii(chunk);
        return;
      }
      let first = 0;
      while (chunk[first] < 0x80) first++;
      this.ascii(chunk.subarray(0, first));
      rest = chunk.subarray(first);
    }
    this.hold(rest);
    this.windowBytes += rest.length;
    if (this.windowBytes >= SNIFF_BYTES) this.decide();
  }

  private ascii(bytes: Buffer) {
    if (!bytes.length) return;
    this.lines += lineFeeds(bytes, bytes.length);
    this.push(bytes);
  }

  private decide() {
    const window = this.release();
    const tail = incompleteTail(window);
    const utf8 =
      isUtf8(window.subarray(0, window.length - tail)) && validPrefix(window.subarray(window.length - tail));
    if (utf8) {
      this.chosen = 'utf-8';
      this.state = 'utf8';
      this.utf8(window);
    } else this.decodeAs('gb18030', window);
  }

  private decodeAs(encoding: 'utf-16le' | 'utf-16be' | 'gb18030', bytes: Buffer) {
    this.chosen = encoding;
    this.state = 'decode';
    this.decoder = new TextDecoder(encoding, { fatal: false });
    this.text(this.decoder.decode(bytes, { stream: true }));
  }

  /** UTF-8 passes on as it is, checked; the bytes of a character not yet complete wait. */
  private utf8(chunk: Buffer) {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.subarray(0, bytes.length - incompleteTail(bytes));
    if (!isUtf8(whole)) throw new FileUnreadable(this.lines + lineFeeds(whole, firstInvalid(whole)) + 1);
    this.lines += lineFeeds(whole, whole.length);
    this.carry = Buffer.from(bytes.subarray(whole.length)); // a copy: at most 3 bytes
    if (whole.length) this.push(whole);
  }

  private text(text: string) {
    if (text) this.push(text, 'utf8');
  }

  private hold(chunk: Buffer) {
    if (!chunk.length) return;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
  }

  private release() {
    const bytes = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = this.windowBytes = 0;
    return bytes;
  }
}

/** Line feeds in `bytes` before `end` (a line feed is never part of a UTF-8 character). */
function lineFeeds(bytes: Buffer, end: number) {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** How many bytes the character a UTF-8 lead byte starts takes (0: not a lead byte). */
const lengthOf = (lead: number) =>
  lead < 0x80
    ? 1
    : lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;

/** The range of the byte after a UTF-8 lead byte (no overlong forms, surrogates or past U+10FFFF). */
function secondRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Bytes at the end that begin a character the bytes after them would complete (0–3): a lead
 * byte and fewer continuation bytes than it needs. Whether they are a valid start is
 * `validPrefix`'s to say.
 */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    if (byte < 0xc0) return 0;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return need > back ? back : 0;
  }
  return 0;
}

/** Whether `bytes` (at most 3) can begin a UTF-8 character that more bytes complete. */
function validPrefix(bytes: Uint8Array): boolean {
  if (!bytes.length) return true;
  const need = lengthOf(bytes[0]);
  if (need <= bytes.length) return false;
  if (bytes.length > 1) {
    const [lo, hi] = secondRange(bytes[0]);
    if (bytes[1] < lo || bytes[1] > hi) return false;
  }
  return bytes.length < 3 || (bytes[2] >= 0x80 && bytes[2] <= 0xbf);
}

/** Where the first byte that is not valid UTF-8 is (`bytes.length` if none). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lengthOf(lead);
    if (!need || i + need > bytes.length) return i;
    const [lo, hi] = secondRange(lead);
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k < need; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += need;
  }
  return bytes.length;
}
