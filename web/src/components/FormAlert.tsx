import type { FormProblem } from './problems';
import { fieldSentence } from './problems';

interface FormAlertProps {
  problem: FormProblem | null;
  /** Labels of the fields shown next to their inputs; other field problems are listed here. */
  labels: Record<string, string>;
  id?: string;
}

/** The problem with a form as a whole, announced as soon as it appears (role=alert). */
export function FormAlert({ problem, labels, id }: FormAlertProps) {
  const loose = problem ? Object.entries(problem.fields).filter(([field]) => !(field in labels)) : [];
  return (
    <div role="alert" id={id} class={problem ? 'form-alert' : 'form-alert form-alert-empty'}>
      {problem && (
        <>
          <p class="form-alert-message">{problem.message}</p>
          {loose.length > 0 && (
            <ul>
              {loose.map(([field, text]) => (
                <li key={field}>{fieldSentence(field.replace(/[-_]/g, ' '), text)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
