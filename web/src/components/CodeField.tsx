import { Field } from './Field';

interface CodeFieldProps {
  label: string;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
}

/** The 6-digit authenticator code, as sign-in and enrolment ask for it. */
export function CodeField(props: CodeFieldProps) {
  return (
    <Field
      id="code"
      label={props.label}
      hint={props.hint}
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]{6}"
      maxLength={6}
      value={props.value}
      onValue={props.onValue}
      error={props.error}
      required
      class="field-short"
    />
  );
}
