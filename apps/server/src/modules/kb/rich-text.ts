import { pinyin } from 'pinyin-pro';
import sanitizeHtml from 'sanitize-html';
import { sanitizeRichText } from '../../platform/rich-text.ts';

/** The article's HTML as stored and answered: the platform's rich-text rules (never trust the editor). */
export const sanitizeArticle = sanitizeRichText;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The text of sanitised HTML: blocks separated by a space, entities decoded, spaces collapsed. */
export function articleText(html: string): string {
  const spaced = html.replace(/<\/?(p|br|hr|li|h[2-4]|tr|td|th|blockquote|pre)\b[^>]*>/gi, ' ');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e])
    .replace(/\s+/g, ' ')
    .trim();
}

/** How much of the text is searched (an article is rarely longer; a huge one still matches by its start). */
const SEARCHED_TEXT = 20_000;

/**
 * What `q` matches, lower case: the title, the title's pinyin (full and initials, so `azts`
 * finds 安装调试) and the content's text. A substring match: two Chinese characters suffice.
 */
export function articleSearchText(title: string, text: string): string {
  const plain = title.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const full = pinyin(plain, { toneType: 'none', separator: '', nonZh: 'consecutive' });
  const initials = pinyin(plain, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'consecutive' });
  return [plain, full, initials, text.normalize('NFKC').toLowerCase().slice(0, SEARCHED_TEXT)]
    .join(' ')
    .toLowerCase();
}

/** A query's terms as they are matched against `search_text` (each must occur; at most 5). */
export const searchTerms = (q: string) =>
  q.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
