import type { Ref } from 'preact';
import { fieldSentence } from './problems';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  /** The server's or the form's problem with this field, e.g. "is required". */
  error?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local';
  /** The latest date or time a date input accepts. */
  max?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  pattern?: string;
  maxLength?: number;
  required?: boolean;
  disabled?: boolean;
  multiline?: boolean;
  rows?: number;
  spellcheck?: boolean;
  inputRef?: Ref<HTMLInputElement | HTMLTextAreaElement>;
  class?: string;
}

/** A labelled input or textarea with its hint and its problem tied to it (aria-describedby). */
export function Field(props: FieldProps) {
  const { id, label, value, onValue, hint, error, multiline } = props;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    required: props.required,
    disabled: props.disabled,
    'aria-describedby': describedBy,
    'aria-invalid': error ? ('true' as const) : undefined,
    spellcheck: props.spellcheck,
  };
  return (
    <div class={`field${error ? ' field-invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId!} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId!} class="field-error">
          {fieldSentence(label, error)}
        </p>
      )}
      {multiline ? (
        <textarea
          {...common}
          ref={props.inputRef as Ref<HTMLTextAreaElement>}
          rows={props.rows ?? 4}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          ref={props.inputRef as Ref<HTMLInputElement>}
          type={(props.type ?? 'text') as 'text'}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          pattern={props.pattern}
          maxLength={props.maxLength}
          max={props.max}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </div>
  );
}

/** Moves the focus to the first input of `form` marked aria-invalid. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
