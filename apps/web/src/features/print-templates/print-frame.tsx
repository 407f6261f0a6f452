import { forwardRef } from 'react';

/**
 * The page a printed document becomes: the server's sanitised HTML, behind a policy of its own that
 * lets nothing run or load (inline styles and data: images only) — a second wall after the sanitiser.
 */
export function printDocument(title: string, html: string): string {
  const escaped = title.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${escaped}</title></head><body>${html}</body></html>`;
}

type Props = { title: string; html: string; height?: number | string };

/**
 * A sandboxed frame without scripts: `allow-same-origin` only so the page can print it and read it
 * for the PDF (with no script inside, same origin gives the document nothing), `allow-modals` so
 * the browser's print dialog may open for it.
 */
export const PrintFrame = forwardRef<HTMLIFrameElement, Props>(function PrintFrame(
  { title, html, height = '100%' },
  ref,
) {
  return (
    <iframe
      ref={ref}
      title={title}
      sandbox="allow-same-origin allow-modals"
      srcDoc={printDocument(title, html)}
      style={{ width: '100%', height, border: '1px solid #d9d9d9', background: '#fff', display: 'block' }}
    />
  );
});
