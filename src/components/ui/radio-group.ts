import type { KeyboardEvent } from "react";

/**
 * Keyboard behaviour of a WAI-ARIA radio group built from buttons
 * (role="radiogroup" around role="radio"): the group is one Tab stop — the
 * checked radio, or the first when none is — and the arrow keys move the
 * choice and the focus together, wrapping at the ends.
 */
export function radioTabIndex<T>(values: readonly T[], checked: T, value: T): 0 | -1 {
  const anyChecked = values.includes(checked);
  return value === checked || (!anyChecked && value === values[0]) ? 0 : -1;
}

export function onRadioGroupKeyDown<T>(event: KeyboardEvent<HTMLElement>, values: readonly T[], checked: T, onChange: (value: T) => void) {
  const step = event.key === "ArrowDown" || event.key === "ArrowRight" ? 1 : event.key === "ArrowUp" || event.key === "ArrowLeft" ? -1 : 0;
  const edge = event.key === "Home" ? 0 : event.key === "End" ? values.length - 1 : null;
  if ((step === 0 && edge === null) || values.length === 0) return;
  event.preventDefault();
  const current = values.indexOf(checked);
  const index = edge ?? (current === -1 ? 0 : (current + step + values.length) % values.length);
  const next = values[index] as T;
  if (next !== checked) onChange(next);
  // The radios are the group's own buttons, in the order of `values`.
  const radios = event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]');
  radios[index]?.focus();
}
