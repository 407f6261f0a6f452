/**
 * Where to go after sign-in: only a path of this app, else the home page. Refused: absolute URLs
 * (`https://…`, `javascript:…`), protocol-relative `//host`, any backslash (browsers read `/\host`
 * as `//host`, and navigating there threw, leaving the user on the login page), control
 * characters, and the login page itself.
 */
export function safeRedirect(value: string | null | undefined, origin = window.location.origin): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || url.pathname.startsWith('/login')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
