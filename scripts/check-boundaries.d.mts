/** Every module-boundary violation under `src` (apps/server/src), one readable line each. */
export function checkBoundaries(src: string): string[];
