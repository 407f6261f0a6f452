import { beforeEach } from 'vitest';

/** A short mark that makes the names a journey creates its own (base 36 of the clock, 5 characters). */
export const newStamp = () => Date.now().toString(36).slice(-5);

/**
 * Runs `fresh` before a retry of a test of this file: a retry must not meet the records its failed
 * first attempt made (a name stamped once per file did, and the retry failed on the duplicate).
 * For files whose tests each create their own records (`journey(viewport)`), as
 * `let stamp = newStamp(); beforeRetry(() => { stamp = newStamp(); });`.
 */
export function beforeRetry(fresh: () => void) {
  beforeEach(({ task }) => {
    if (task.result?.retryCount) fresh();
  });
}
