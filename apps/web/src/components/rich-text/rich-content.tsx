import './rich-text.css';

/** Rich text as the server sanitised it on every write (platform/rich-text.ts): shown as it is. */
export function RichContent({ html, testId }: { html: string; testId?: string }) {
  return (
    <div
      className="rich-content"
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server on every write
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
