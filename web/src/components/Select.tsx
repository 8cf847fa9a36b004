import { fieldSentence } from './problems';

/** A labelled select with its hint and its problem tied to it, like Field for inputs. */
export function Select({
  id,
  label,
  value,
  onValue,
  options,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {fieldSentence(label, error)}
        </p>
      )}
      <select
        id={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The send button of a form, its label while busy, and the status line saying what it did. */
export function SubmitRow({
  busy,
  label,
  busyLabel,
  done,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  done: string;
}) {
  return (
    <div class="actions">
      <button type="submit" class="button" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <p role="status" class="done">
        {done}
      </p>
    </div>
  );
}
