/**
 * The server's stamp on a check-in photo (水印): a dark band at the bottom of a copy with the
 * server's time in the tenant's time zone, the place, the person and the customer. Made here, not
 * on the phone, so a manager can trust it; the original is kept untouched beside it.
 */

/** Fonts that hold CJK glyphs, first one found wins (Debian: fonts-wqy-microhei; see operations.md). */
const FONT_FAMILY = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string,
  );

/** The band (its own size, laid at the bottom): its lines, each cut to what fits the photo's width. */
function band(width: number, height: number, lines: string[]) {
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 28));
  const lineHeight = Math.round(fontSize * 1.35);
  const pad = Math.round(fontSize * 0.6);
  const bandHeight = Math.min(height, pad * 2 + lineHeight * lines.length);
  // CJK glyphs are about one em wide: a line longer than the photo is cut with an ellipsis
  const maxChars = Math.max(4, Math.floor((width - pad * 2) / fontSize));
  const cut = (s: string) => ([...s].length > maxChars ? `${[...s].slice(0, maxChars - 1).join('')}…` : s);
  const texts = lines
    .map(
      (line, i) => `<text x="${pad}" y="${pad + lineHeight * i + fontSize}">${escapeXml(cut(line))}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandHeight}">
<rect x="0" y="0" width="${width}" height="${bandHeight}" fill="#000" fill-opacity="0.55"/>
<g font-family="${FONT_FAMILY}" font-size="${fontSize}" fill="#fff">${texts}</g></svg>`;
  return { svg: Buffer.from(svg), top: height - bandHeight };
}

export type Stamp = { time: string; place: string; person: string; customer?: string | null };

/** The stamped copy is for looking at: at most this many pixels on its long side (the original is the evidence). */
const COPY_MAX_SIDE = 1600;

/**
 * The stamped copy as JPEG, upright (EXIF orientation applied, metadata dropped), with its size
 * (`size`: the photo's upright size, from imageSize). One decode and one encode, and a
 * 12-megapixel photo is decoded at a fraction of its size (JPEG shrink-on-load) for a copy no
 * screen needs larger.
 */
export async function watermark(original: Buffer, size: { width: number; height: number }, stamp: Stamp) {
  const { default: sharp } = await import('sharp'); // loaded with the first photo, not at start
  const scale = Math.min(1, COPY_MAX_SIDE / Math.max(size.width, size.height));
  const width = Math.round(size.width * scale);
  const height = Math.round(size.height * scale);
  const lines = [
    stamp.time,
    stamp.place,
    stamp.customer ? `${stamp.person} · ${stamp.customer}` : stamp.person,
  ];
  const strip = band(width, height, lines);
  // two steps: turned and sized to pixels first (the JPEG decoded at a fraction of its size), then
  // the band laid on — in one pipeline the composite made sharp decode the photo at full size,
  // twice the time for a 12-megapixel photo
  const sized = await sharp(original, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { channels } = sized.info;
  const data = await sharp(sized.data, {
    raw: { width: sized.info.width, height: sized.info.height, channels },
  })
    .composite([{ input: strip.svg, top: strip.top, left: 0 }])
    .jpeg({ quality: 82 })
    .toBuffer();
  return { data, width, height };
}

/** An image's upright size in pixels, or null when sharp cannot read it (then it is no photo). */
export async function imageSize(data: Buffer) {
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(data, { limitInputPixels: 100_000_000 }).metadata();
    if (!meta.width || !meta.height) return null;
    const turned = (meta.orientation ?? 1) >= 5;
    return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  } catch {
    return null;
  }
}
