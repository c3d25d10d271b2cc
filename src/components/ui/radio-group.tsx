import type { KeyboardEvent, ReactNode } from "react";

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

/**
 * A radio group built from buttons, with the keyboard behaviour above. The
 * caller draws each radio: `radioClassName` styles the button, `children`
 * fills it.
 */
export function RadioGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  className,
  radioClassName,
  radioTestId,
  children,
  ...rest
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
  radioClassName: (checked: boolean) => string;
  /** A `data-testid` for every radio, for end-to-end tests. */
  radioTestId?: string;
  children: (option: T, checked: boolean) => ReactNode;
  "aria-invalid"?: true;
}) {
  return (
    <div role="radiogroup" aria-label={label} className={className} onKeyDown={(e) => onRadioGroupKeyDown(e, options, value, onChange)} {...rest}>
      {options.map((option) => {
        const checked = option === value;
        return (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={radioTabIndex(options, value, option)}
            onClick={() => onChange(option)}
            data-testid={radioTestId}
            className={radioClassName(checked)}
          >
            {children(option, checked)}
          </button>
        );
      })}
    </div>
  );
}
