import type { FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useShowError } from '../lib/use-show-error.ts';

/** Saves the values of a form; a rejection is the server's answer (an ApiError) or a network error. */
export type SaveForm<V> = (values: V) => Promise<unknown>;

/**
 * Saving a form: checks it (unless the values are already checked), runs `save`, says which
 * button is saving, and on failure shows the server's message and puts its field errors on the
 * fields of the same name — the one way every form modal and drawer handles a failed save.
 */
export function useFormSubmit<V>(form: FormInstance<V>) {
  const showError = useShowError();
  const [saving, setSaving] = useState<string | null>(null);
  // the state is a render late: the ref stops a second save (Enter pressed twice) at once
  const busy = useRef(false);
  const submit = useCallback(
    async (key: string, save: SaveForm<V>, checked?: V) => {
      if (busy.current) return;
      let values = checked;
      if (values === undefined) {
        try {
          values = await form.validateFields();
        } catch {
          return; // the form shows what is wrong
        }
      }
      busy.current = true;
      setSaving(key);
      try {
        await save(values);
      } catch (e) {
        showError(e, form);
      } finally {
        busy.current = false;
        setSaving(null);
      }
    },
    [form, showError],
  );
  return { saving, submit };
}
