import { forwardRef, useLayoutEffect, useRef, useState } from 'react';

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

/** An A4 page's width in CSS pixels (210 mm): narrower boxes show the page scaled down, as on paper. */
const PAGE_PX = 794;

/**
 * A sandboxed frame without scripts: `allow-same-origin` only so the page can print it and read it
 * for the PDF (with no script inside, same origin gives the document nothing), `allow-modals` so
 * the browser's print dialog may open for it. On a phone the page keeps its A4 layout, scaled to
 * the screen's width, rather than squeezing its table into 390 px.
 */
export const PrintFrame = forwardRef<HTMLIFrameElement, Props>(function PrintFrame(
  { title, html, height = '100%' },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(PAGE_PX);
  useLayoutEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(box.current);
    return () => observer.disconnect();
  }, []);
  const scale = Math.min(1, width / PAGE_PX);
  return (
    <div
      ref={box}
      style={{ width: '100%', height, overflow: 'hidden', border: '1px solid #d9d9d9', background: '#fff' }}
    >
      <iframe
        ref={ref}
        title={title}
        sandbox="allow-same-origin allow-modals"
        srcDoc={printDocument(title, html)}
        style={
          scale < 1
            ? {
                width: PAGE_PX,
                height: `${100 / scale}%`,
                transform: `scale(${scale})`,
                transformOrigin: '0 0',
                border: 0,
                display: 'block',
              }
            : { width: '100%', height: '100%', border: 0, display: 'block' }
        }
      />
    </div>
  );
});
