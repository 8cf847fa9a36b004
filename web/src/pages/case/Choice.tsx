import { fieldSentence } from '../../components/problems';

/**
 * One answer among a few (yes / no / unsure, agree / object / abstain), as radio buttons
 * in a fieldset whose legend is the question; the server's problem with it is tied to
 * the group. Arrow keys move between the options, as radio groups do.
 */
export function Choice({
  name,
  legend,
  options,
  value,
  onValue,
  error,
  hint,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  const errorId = error ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset
      class={`choice${error ? ' field-invalid' : ''}`}
      aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {fieldSentence('The answer', error)}
        </p>
      )}
      <div class="choice-options">
        {options.map((option) => (
          <label key={option.value} class="choice-option">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-invalid={error ? 'true' : undefined}
              onChange={() => onValue(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const ANSWERS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Unsure' },
];
