import { useRef, useState } from 'preact/hooks';
import { useSession } from '../session';
import { focusFirstInvalid } from './Field';
import { problemFrom, type FormProblem } from './problems';

interface SubmitOptions {
  /**
   * A form for people without a session (signing in, enrolling): a 401 there answers the
   * form itself and says nothing about a session.
   */
  outsideSession?: boolean;
}

/**
 * What every form does when it is sent: refuse what the form can tell is missing, mark
 * the form busy, run the request, show what it did (a status line) or the server's
 * problem (fields marked, the first invalid one focused), and tell the session when the
 * answer means it ended.
 */
export function useSubmit({ outsideSession = false }: SubmitOptions = {}) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState('');
  const form = useRef<HTMLFormElement>(null);

  function show(found: FormProblem) {
    setProblem(found);
    if (Object.keys(found.fields).length > 0) requestAnimationFrame(() => focusFirstInvalid(form.current));
  }

  /**
   * Sends the form: `check` may name a problem first (nothing is sent then); `work`
   * resolves to the sentence to show once it is done; `failed` may reword the problem
   * the server answered (and undo what the form showed).
   */
  async function submit(
    event: Event,
    work: () => Promise<string>,
    check?: () => FormProblem | null,
    failed?: (found: FormProblem, error: unknown) => FormProblem,
  ) {
    event.preventDefault();
    setDone('');
    const local = check?.() ?? null;
    if (local) {
      show(local);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      setDone(await work());
    } catch (error) {
      if (!outsideSession) session.noticeError(error);
      const found = problemFrom(error);
      show(failed ? failed(found, error) : found);
    } finally {
      setBusy(false);
    }
  }

  return { busy, problem, done, form, submit };
}
