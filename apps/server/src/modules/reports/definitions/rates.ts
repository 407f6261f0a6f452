/**
 * `part / whole` in percent (2 decimals) for derived rates over money measures (exact strings);
 * null when the whole is zero (a rate of nothing means nothing).
 */
export const percentOf = (part: string | number, whole: string | number): number | null =>
  Number(whole) ? (Number(part) / Number(whole)) * 100 : null;
