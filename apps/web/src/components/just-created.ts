import { useEffect } from 'react';
import './just-created.css';

/** The class of a just-created record's row (or list item): highlighted by just-created.css. */
export const JUST_CREATED = 'row-just-created';

/** `rowClassName` for an antd Table: marks the row of the record just created. */
export function justCreatedRow(id: string | null | undefined) {
  return (row: { id: string }) => (id && row.id === id ? JUST_CREATED : '');
}

/**
 * Scrolls the row of the record just created into view once it is shown (`shown` turns true when
 * the list holds it), so that after 保存 the user sees what was made.
 */
export function useRevealRow(id: string | null | undefined, shown: boolean) {
  useEffect(() => {
    if (!id || !shown) return;
    document.querySelector(`[data-row-key="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [id, shown]);
}
