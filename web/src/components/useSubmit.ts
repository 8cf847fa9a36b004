import { useRef, useState } from 'preact/hooks';
import { useSession } from '../session';
import { focusFirstInvalid } from './Field';
import { problemFrom, type FormProblem } from './problems';

/**
 * What every form of the members' pages does when it is sent: refuse what the form can
 * tell is missing, mark the form busy, run the request, show what it did (a status line)
 * or the server's problem (fields marked, the first invalid one focused), and tell the
 * session when the answer means it ended.
 */
export function useSubmit() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState('');
  const form = useRef<HTMLFormElement>(null);

  function focusProblem(found: FormProblem) {
    if (Object.keys(found.fields).length > 0) requestAnimationFrame(() => focusFirstInvalid(form.current));
  }

  /**
   * Sends the form: `check` may name a problem first (nothing is sent then); `work`
   * resolves to the sentence to show once it is done.
   */
  async function submit(event: Event, work: () => Promise<string>, check?: () => FormProblem | null) {
    event.preventDefault();
    setDone('');
    const local = check?.() ?? null;
    if (local) {
      setProblem(local);
      focusProblem(local);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setDone(await work());
    } catch (error) {
      session.noticeError(error);
      const found = problemFrom(error);
      setProblem(found);
      focusProblem(found);
    } finally {
      setBusy(false);
    }
  }

  return { busy, problem, done, form, submit };
}
