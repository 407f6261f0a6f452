import type { Customer } from '@guanxi/contract';

/**
 * Whether the signed-in user may change this customer now: write access (`canEdit`: scope or a
 * read-write share) and still valid — an invalidated customer (失效) is view-only until restored.
 */
export const isChangeable = (c: Pick<Customer, 'canEdit' | 'valid'>) => c.canEdit && c.valid;
