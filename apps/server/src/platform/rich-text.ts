import sanitizeHtml from 'sanitize-html';

/**
 * What user-written rich text (an announcement, an article) may hold: structure and emphasis,
 * links and images — no script, style, event handler, form or frame. Links open in a new tab
 * without the opener; images only over https or inline.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'blockquote',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    // the page's title is the heading 1: an editor's <h1> becomes a heading 2
    h1: 'h2',
    div: 'p',
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
};

/** Rich text as stored and answered: sanitised on every write (never trust the editor). */
export const sanitizeRichText = (html: string) => sanitizeHtml(html, options).trim();

/** The plain text of rich text (for a preview, a notification or an emptiness check). */
export const richTextPlain = (html: string) =>
  sanitizeHtml(html.replace(/<\/?(p|br|li|h[2-4]|tr|td|th)\b[^>]*>/gi, ' '), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
