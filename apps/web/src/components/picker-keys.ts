import type { KeyboardEvent } from 'react';

/**
 * For a date or time picker whose input is typed into: Enter confirms the typed value, and only
 * that. Without it the browser also submits the form around the picker (implicit submission on
 * Enter), saving the whole form half-edited.
 */
export function enterConfirmsOnly(event: KeyboardEvent) {
  if (event.key === 'Enter') event.preventDefault();
}
