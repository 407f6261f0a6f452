import { z } from 'zod';
import { recordBase } from './common.ts';
import { savedQueryLimits } from './limits.ts';

/** Lists that can save queries. */
const savedQueryLists = ['customers', 'contacts', 'leads'] as const;

export const savedQuery = z.object({
  ...recordBase,
  list: z.enum(savedQueryLists),
  name: z.string(),
  /** The list's query-string parameters (filters, sort, q). */
  query: z.record(z.string(), z.string()),
  shared: z.boolean(),
  ownerName: z.string(),
  /** Only the owner changes or deletes it. */
  mine: z.boolean(),
});
export type SavedQuery = z.infer<typeof savedQuery>;

const fields = {
  name: z.string().trim().min(1).max(savedQueryLimits.name),
  query: z
    .record(z.string().max(60), z.string().max(500))
    .refine((q) => Object.keys(q).length <= 40, 'too many parameters'),
  shared: z.boolean().default(false),
};
export const createSavedQuery = z.object({ list: z.enum(savedQueryLists), ...fields });
export const updateSavedQuery = z.object({ version: z.number().int(), ...z.object(fields).partial().shape });
export const savedQueryListQuery = z.object({ list: z.enum(savedQueryLists) });
