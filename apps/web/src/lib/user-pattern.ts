/**
 * Patterns that users write (the tenant's employee-code pattern) run on RE2, as on the server
 * (apps/server/src/platform/user-pattern.ts): never on the browser's backtracking RegExp, where
 * `^(a+)+$` freezes the tab of whoever types a code. re2js loads on first use, not with the page.
 */
export async function testUserPattern(pattern: string, value: string): Promise<boolean | null> {
  const { RE2JS } = await import('re2js');
  try {
    return RE2JS.compile(pattern).matcher(value).find();
  } catch {
    return null; // RE2 cannot run it: the server refuses it when saved
  }
}
