/** Starts a download of a same-origin URL (the session cookie goes with it; the server names the file). */
export function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The export of what a list shows now: its search and the filters the URL holds, as XLSX. */
export function listExportUrl(path: string, params: URLSearchParams, keys: readonly string[]) {
  const query = new URLSearchParams({ format: 'xlsx' });
  for (const key of ['q', ...keys]) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  return `${path}?${query}`;
}
