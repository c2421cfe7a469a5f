/** Keyboard entry: Enter in a one-line field moves to the next field, as on a paper form. */
import type { KeyboardEvent } from 'react';

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A form's onKeyDown: Enter in a plain input (not a select, where Enter picks an option, and not
 * a text area, where it starts a new line) focuses the next focusable control instead of submitting.
 */
export function enterMovesOn(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.getAttribute('role') === 'combobox') return;
  if (target.type === 'checkbox' || target.type === 'radio') return;
  const controls = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.offsetParent !== null,
  );
  const next = controls[controls.indexOf(target) + 1];
  if (next === undefined) return;
  event.preventDefault();
  next.focus();
}
