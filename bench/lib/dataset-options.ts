/** The command-line options of the scenarios that run on the cached customer data set. */

export type Backend = 'postgres' | 'pglite';

/** `parseArgs` options naming the data set and the backends (spread into a scenario's own). */
export const datasetArgs = {
  size: { type: 'string', default: '1000000' },
  other: { type: 'string' },
  departments: { type: 'string', default: '200' },
  owners: { type: 'string', default: '2000' },
  backends: { type: 'string' },
} as const;

/** An integer option of at least `min`, else a message naming the option. */
export function intArg(v: string | undefined, name: string, min = 1): number {
  const x = Number(v);
  if (!Number.isInteger(x) || x < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return x;
}

/**
 * The data set (customers of the main tenant, of the other, departments, owners) and the backends:
 * both when `DATABASE_URL` is set, else PGlite.
 */
export function datasetOptions(values: {
  size: string;
  other?: string;
  departments: string;
  owners: string;
  backends?: string;
}) {
  const size = intArg(values.size, 'size', 1000);
  if (size > 5_000_000) throw new Error('--size: at most 5,000,000');
  const url = process.env.DATABASE_URL;
  const backends = (values.backends ?? (url ? 'postgres,pglite' : 'pglite'))
    .split(',')
    .map((b) => (b === 'pg' ? 'postgres' : b)) as Backend[];
  for (const b of backends)
    if (b !== 'postgres' && b !== 'pglite') throw new Error(`--backends: unknown ${b}`);
  if (backends.includes('postgres') && !url) throw new Error('--backends postgres needs DATABASE_URL');
  return {
    size,
    other:
      values.other === undefined ? Math.max(1000, Math.round(size / 10)) : intArg(values.other, 'other', 0),
    departments: intArg(values.departments, 'departments', 20),
    owners: intArg(values.owners, 'owners', 20),
    backends,
    url,
  };
}
