import { fileTypeFromBuffer } from 'file-type';

/**
 * What may be attached, by the file's magic bytes (file-type), never by its name or the client's
 * content type. Web pages, SVG and XML, programs, macro-enabled Office files and anything
 * unrecognised are refused; text without magic bytes passes only as `text/plain` (see TextCheck).
 */
const allowed = new Set([
  // images (thumbnailed)
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/bmp',
  'image/tiff',
  // documents
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  // audio and video
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
  'audio/wav',
  'audio/ogg',
  'audio/opus',
  'audio/flac',
  'audio/amr',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/vnd.avi',
  'video/3gpp',
  'video/mpeg',
  'video/matroska',
]);

/** Images sharp makes a thumbnail of (HEIC/HEIF only where the installed libvips reads them). */
export const thumbnailed = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/tiff',
]);

/**
 * Legacy Office files (.doc, .xls, .ppt) are OLE compound files, which also hold installers
 * (.msi) and more: a compound file passes only under one of these names, which then names its type.
 */
const legacyOffice: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Bytes read before deciding the type (file-type needs ~4 KiB; an OOXML zip names its parts early). */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed = { mimeType: string } | { text: true } | { refused: string };

/** The type of a file from its first bytes (`head`, up to SNIFF_BYTES) and its name. */
export async function sniff(head: Buffer, name: string): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return looksLikeMarkup(head) ? { refused: 'markup' } : { text: true };
  if (found.mime === 'application/x-cfb') {
    const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    const mime = legacyOffice[ext];
    return mime ? { mimeType: mime } : { refused: found.mime };
  }
  return allowed.has(found.mime) ? { mimeType: found.mime } : { refused: found.mime };
}

const markup = /<(!doctype|html|head|body|svg|script|iframe|object|embed|meta|\?xml|xml|!--)/i;

/**
 * Text that a browser could take for HTML, SVG or XML: it starts with `<` (after a BOM and
 * white space), or one of their tags appears in its first KiB.
 */
function looksLikeMarkup(head: Buffer) {
  const start = head.subarray(0, 1024).toString('latin1');
  return /^(\xef\xbb\xbf)?\s*</.test(start) || markup.test(start);
}

/**
 * Text has no magic bytes: it is `text/plain` only if every byte of it reads as UTF-8 or GB18030
 * (GBK's superset) and it holds no NUL or other control character but tab, line and page breaks
 * (UTF-16 and binary data fail). Fed the file piece by piece as it streams.
 */
export class TextCheck {
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private gb: TextDecoder | null = new TextDecoder('gb18030', { fatal: true });
  private controls = false;

  push(piece: Buffer) {
    if (this.controls) return;
    for (const b of piece) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) {
        this.controls = true;
        return;
      }
      if (b === 0x7f) {
        this.controls = true;
        return;
      }
    }
    this.utf8 = decodes(this.utf8, piece);
    this.gb = decodes(this.gb, piece);
  }

  /** Whether everything pushed was text. */
  end(): boolean {
    if (this.controls) return false;
    this.utf8 = decodes(this.utf8);
    this.gb = decodes(this.gb);
    return Boolean(this.utf8 || this.gb);
  }
}

/** The decoder if `piece` (none: the end) decodes on from where it stopped, else null. */
function decodes(decoder: TextDecoder | null, piece?: Buffer): TextDecoder | null {
  if (!decoder) return null;
  try {
    if (piece) decoder.decode(piece, { stream: true });
    else decoder.decode();
    return decoder;
  } catch {
    return null;
  }
}
