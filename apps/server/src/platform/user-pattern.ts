import { RE2JS } from 're2js';

/**
 * Regular expressions that users write (a tenant's employee-code pattern, later others) run on
 * RE2 (re2js: linear time, no backtracking), never on the JavaScript engine, whose backtracking
 * lets `^(a+)+$` and a 31-character input hold the event loop — and every tenant — for a minute.
 * RE2 refuses what it cannot run in linear time (back-references, look-arounds): such a pattern is
 * refused when saved.
 */
export type UserPattern = { test(input: string): boolean };

/** The compiled pattern, or `null` when RE2 cannot run it (a syntax error or unsupported syntax). */
export function compileUserPattern(pattern: string): UserPattern | null {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch {
    return null;
  }
  // `find` searches like RegExp.prototype.test: anchors are the pattern's business.
  return { test: (input) => re.matcher(input).find() };
}
