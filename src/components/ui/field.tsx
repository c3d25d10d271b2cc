import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "w-full rounded-md border border-zinc-200 bg-white px-2.5 text-[13px] text-zinc-900 shadow-xs placeholder:text-zinc-400 " +
  "focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/20 disabled:bg-zinc-50 disabled:text-zinc-500 " +
  "aria-[invalid=true]:border-red-400 aria-[invalid=true]:focus:ring-red-500/20";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...props }, ref) {
  return <input ref={ref} className={cn(control, "h-8", className)} {...props} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea({ className, ...props }, ref) {
  return <textarea ref={ref} className={cn(control, "py-2 leading-relaxed", className)} {...props} />;
});

/** A text box for JSON, templates and other code: monospace, no spell check. */
export const CodeTextarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function CodeTextarea({ className, ...props }, ref) {
  return <Textarea ref={ref} className={cn("font-mono text-xs", className)} spellCheck={false} {...props} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className, ...props }, ref) {
  return <select ref={ref} className={cn(control, "h-8 pr-8", className)} {...props} />;
});

/** A field's error message, as forms show it under the field they belong to. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="text-xs text-red-600" data-testid="field-error">
      {children}
    </p>
  );
}

interface FieldProps {
  label: ReactNode;
  /** Shown under the control; replaced by the error when there is one. */
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  /** Receives the ids to wire into the control, so label, hint and error are announced. */
  children: (ids: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}

/** Label + control + hint or error, with the ARIA wiring done once here. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-xs font-medium text-zinc-700">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error ? (
        <FieldError id={`${id}-error`}>{error}</FieldError>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs leading-relaxed text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled one-line text box: a Field around an Input whose value is the text. */
export function TextField({
  label,
  hint,
  error,
  className,
  value,
  onChange,
  ...input
}: Omit<FieldProps, "children"> &
  Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "className"> & { value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(ids) => <Input {...ids} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-xs text-zinc-700 select-none">
      <input type="checkbox" className="size-3.5 rounded border-zinc-300 accent-zinc-900" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
