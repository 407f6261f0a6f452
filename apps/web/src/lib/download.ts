/** Starts a download of a same-origin URL (the session cookie goes with it; the server names the file). */
export function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
