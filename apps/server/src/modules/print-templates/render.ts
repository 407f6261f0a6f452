import { MONEY_PATTERN } from '@guanxi/contract';
import Mustache from 'mustache';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../platform/errors.ts';
import { amountInCapitals } from './capitals.ts';

type Token = [string, string, number, number, Token[]?, number?];

/**
 * Parses a template and refuses what could print a value unescaped: `{{{x}}}` and `{{& x}}`
 * (mustache's own escaping is the first wall; the sanitiser after rendering is the second).
 * Partials (`{{> x}}`) are refused too: there are none to include.
 */
export function checkTemplate(template: string): void {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch (e) {
    throw new AppError('PRINT_TEMPLATE_INVALID', [{ path: 'template', message: (e as Error).message }]);
  }
  const unsafe: string[] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      if (t[0] === '&' || t[0] === '>') unsafe.push(template.slice(t[2], t[3]));
      if (t[4]) walk(t[4]);
    }
  };
  walk(tokens);
  if (unsafe.length)
    throw new AppError(
      'PRINT_TEMPLATE_UNSAFE',
      unsafe.slice(0, 10).map((tag) => ({ path: 'template', message: `unescaped output: ${tag}` })),
    );
}

/** CSS that could load something or run code: url(), @import, expression(), bindings. */
const CSS_HAZARD = /url\s*\(|image-set|@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:/i;

/** A style attribute keeps only declarations that load nothing (none with a CSS escape or comment). */
export function safeStyle(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/[\\]|\/\*/.test(d) && !CSS_HAZARD.test(d))
    .join('; ');
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'a'),
    'img',
    'span',
    'div',
    'section',
    'header',
    'footer',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'colgroup',
    'col',
    'caption',
    'h1',
    'h2',
    'h3',
    'h4',
    'hr',
    'br',
    'small',
    'strong',
    'b',
    'i',
    'u',
  ],
  // no links: a printed page follows none, and none can carry javascript:
  allowedAttributes: {
    '*': ['class', 'style', 'align', 'colspan', 'rowspan', 'width', 'height'],
    img: ['src', 'alt', 'width', 'height', 'class', 'style'],
  },
  // images only inline (a logo as data:), so printing loads nothing from elsewhere
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    '*': (tagName, attribs) => {
      if (attribs.style !== undefined) {
        const style = safeStyle(attribs.style);
        if (style) attribs.style = style;
        else delete attribs.style;
      }
      return { tagName, attribs };
    },
  },
  // an image is printed only from a data: URL (a relative one would load from the server)
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^data:image\//i.test(frame.attribs.src ?? ''),
};

/** HTML with no script, no handlers, no javascript: or external URLs, no CSS that loads. */
export const sanitize = (html: string) => sanitizeHtml(html, sanitizeOptions);

/** The page's fixed stylesheet (ours, not the tenant's): A4, a business document's table and type. */
export const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 12px; color: #111; line-height: 1.6; background: #fff; }
.doc { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
.doc-header { text-align: center; border-bottom: 2px solid #111; padding-bottom: 6px; margin-bottom: 10px; }
.company { font-size: 20px; font-weight: bold; letter-spacing: 2px; }
.doc-title { font-size: 18px; font-weight: bold; letter-spacing: 8px; margin: 6px 0 2px; }
.meta { width: 100%; border-collapse: collapse; margin: 8px 0; }
.meta td { padding: 2px 4px; border: none; }
.lines { width: 100%; border-collapse: collapse; margin: 8px 0; }
.lines th, .lines td { border: 1px solid #333; padding: 4px 6px; }
.lines th { background: #f0f0f0; font-weight: bold; text-align: center; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
.totals td { font-weight: bold; }
.words { margin: 6px 0; font-weight: bold; }
.terms { margin: 10px 0; white-space: pre-wrap; }
.signatures { width: 100%; border-collapse: collapse; margin-top: 28px; }
.signatures td { width: 50%; vertical-align: top; padding: 4px 8px; border: none; }
.sign-line { margin-top: 36px; border-top: 1px solid #333; width: 70%; }
.footer { margin-top: 16px; font-size: 10px; color: #555; text-align: right; }
table { page-break-inside: auto; } tr { page-break-inside: avoid; }
`;

/** `1533.75` → `1,533.75`; text that is not a plain decimal is left as it is. */
export function groupThousands(value: string): string {
  const m = /^(\s*-?)(\d+)(\.\d+)?(\s*)$/.exec(value);
  return m ? `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}${m[4]}` : value;
}

/** `YYYY-MM-DD` of an instant in a time zone. */
const dateIn = (iso: string, timeZone: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
  } catch {
    return iso.slice(0, 10);
  }
};

/**
 * Values every template may use besides the document's own fields: the total (or a contract's
 * amount) in capitals, the creation day in the tenant's time zone (`tenant.timezone` when the
 * caller passes it, else the default one), and each line's number.
 */
export function withHelpers(data: Record<string, unknown>): Record<string, unknown> {
  const raw =
    typeof data.total === 'string' ? data.total : typeof data.amount === 'string' ? data.amount : null;
  const money = raw && MONEY_PATTERN.test(raw) ? raw : null;
  const tenant = (data.tenant ?? {}) as { timezone?: unknown };
  const timeZone = typeof tenant.timezone === 'string' ? tenant.timezone : 'Asia/Shanghai';
  const out: Record<string, unknown> = {
    ...data,
    amountInWords: money ? amountInCapitals(money) : '',
    // {{#money}}{{total}}{{/money}} → 1,533.75: the value is rendered (escaped) first, then only a
    // plain decimal gets its thousands separators; anything else comes out as it went in
    money: () => (text: string, render: (t: string) => string) => groupThousands(render(text)),
    createdDate: typeof data.createdAt === 'string' ? dateIn(data.createdAt, timeZone) : '',
  };
  if (Array.isArray(data.lines))
    out.lines = data.lines.map((line, i) =>
      line && typeof line === 'object' ? { no: i + 1, ...line } : line,
    );
  return out;
}

/**
 * Renders with every `{{value}}` escaped (a fresh writer per call: no cache that grows with every
 * preview), then sanitises, then wraps in the fixed stylesheet.
 */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  checkTemplate(template);
  const body = new Mustache.Writer().render(template, withHelpers(data), {});
  return `<style>${PRINT_CSS}</style>${sanitize(body)}`;
}
