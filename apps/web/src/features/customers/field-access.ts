import type { FieldAccess } from '@guanxi/contract';
import { useMe } from '../../lib/access.ts';

/** Field-level access of the signed-in user to a restrictable field of a module (edit when unrestricted). */
export function useFieldAccess(module: 'customers' | 'contacts'): (field: string) => FieldAccess {
  const me = useMe();
  return (field) => (me.fieldPermissions[module]?.[field] as FieldAccess | undefined) ?? 'edit';
}
