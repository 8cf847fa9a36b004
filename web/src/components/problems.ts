// What went wrong with a form: one message for the whole form, and a problem per field.
import { ApiError } from '../api';

export interface FormProblem {
  message: string;
  fields: Record<string, string>;
}

/** The problems a form found in its own fields, before asking the server: null when there are none. */
export function fieldProblems(fields: Record<string, string>): FormProblem | null {
  return Object.keys(fields).length > 0 ? { message: 'Check the fields marked below.', fields } : null;
}

/** "the email is not right" → "The email is not right." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A server problem for one field ("is required") joined to its label ("Email is required."). */
export function fieldSentence(label: string, problem: string): string {
  const text = problem.trim();
  if (/^(is|are|must|should|does|do|has|cannot|can't|may)\b/i.test(text)) return sentence(`${label} ${text}`);
  return sentence(text);
}

/** Turns anything thrown by an API call into a problem to show on the form. */
export function problemFrom(error: unknown): FormProblem {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      const wait = error.retryAfter;
      return {
        message:
          wait !== null
            ? `Too many attempts: try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`
            : 'Too many attempts: wait a little and try again.',
        fields: {},
      };
    }
    // "retry_after" is the wait (as in Retry-After), not a field of the form.
    const fields = { ...error.fields };
    delete fields.retry_after;
    return { message: sentence(error.message), fields };
  }
  return { message: sentence(error instanceof Error ? error.message : String(error)), fields: {} };
}

/**
 * For a form that shows each field's problem by its input: the alert says `summary` and
 * points below, instead of repeating the server's list of every field.
 */
export function markedBelow(summary: string): (found: FormProblem) => FormProblem {
  return (found) =>
    Object.keys(found.fields).length > 0 ? { ...found, message: `${summary}: check the fields marked below.` } : found;
}
